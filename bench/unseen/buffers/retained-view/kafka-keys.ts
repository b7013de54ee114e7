import { Kafka } from 'kafkajs';

const lastKeyByPartition = new Map<number, Buffer>();

export async function run(): Promise<void> {
  const consumer = new Kafka({ brokers: ['k:9092'] }).consumer({ groupId: 'g' });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (!message.value) return;
      lastKeyByPartition.set(partition, message.value.subarray(0, 8)); // expect: no-retained-view
    },
  });
}
