import { Actor, type ActorRef } from 'tiny-actors';

type Order = { kind: 'eu' | 'us'; items: { price: number; qty: number }[] };

export class Totals extends Actor {
  constructor(private readonly regions: Record<Order['kind'], ActorRef>) {
    super();
  }

  receive(order: Order): void {
    const total = order.items.reduce((sum, i) => sum + i.price * i.qty, 0);
    this.regions[order.kind].tell({ total });
  }
}
