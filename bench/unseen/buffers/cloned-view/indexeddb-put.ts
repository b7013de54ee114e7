export function storeThumb(db: IDBDatabase, id: string, image: Uint8Array, size: number): void {
  const store = db.transaction('thumbs', 'readwrite').objectStore('thumbs');
  store.put({ id, bytes: image.subarray(0, size) }); // expect: no-cloned-view
}
