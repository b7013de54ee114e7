/**
 * What leakproof knows about APIs, as data: which calls subscribe, make views, slice strings, read I/O,
 * insert into collections. Rules and the analysis read these tables; no API name is spelled elsewhere.
 */

/** Subscriptions that call their listener for every event (`once` forms are not long-lived). */
export const SUBSCRIBE_METHODS = new Set(['on', 'addListener', 'prependListener', 'addEventListener']);
export const ONCE_METHODS = new Set(['once', 'prependOnceListener']);

/**
 * Message consumers whose function argument runs once per message for as long as they are consuming:
 * amqplib `channel.consume(queue, fn)`, node-redis `subscribe(channel, fn)`, NATS `subscribe(subject,
 * { callback })`, RxJS `subscribe(fn)`.
 */
export const CONSUMER_METHODS = new Set(['consume', 'subscribe', 'pSubscribe', 'sSubscribe']);
/** Constructors whose function argument processes every job: BullMQ `new Worker(queue, processor)`. */
export const CONSUMER_CONSTRUCTORS = new Set(['Worker']);

/** Events whose listener argument is text, not bytes. */
export const TEXT_EVENTS = new Set(['line', 'text']);
/**
 * User-interface events (DOM, React Native): a listener for them is long-lived, but what it receives is
 * a small event object, not a message: slices of it pin nothing worth reporting.
 */
export const UI_EVENTS = new Set([
  'click',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mousemove',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'pointerdown',
  'pointerup',
  'pointermove',
  'touchstart',
  'touchend',
  'touchmove',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'submit',
  'focus',
  'blur',
  'scroll',
  'resize',
  'wheel',
  'drag',
  'dragstart',
  'dragend',
  'drop',
]);
/** Events whose first listener argument is a chunk of bytes (a Buffer unless `setEncoding` made it text). */
export const BYTE_EVENTS = new Set(['data', 'chunk', 'frame', 'packet']);
/**
 * `'message'` delivers a Buffer on sockets: ws's WebSocket (binaryType 'nodebuffer', the default) and
 * dgram. On worker ports and processes it delivers any cloned value, so only these emitter names count.
 */
export const BYTE_MESSAGE_EMITTERS = /^(?:ws|websocket|socket|sock|client|conn|connection|udp|dgram|server)$/i;

/** Constructor parameter types that make a class a Durable Object without its base class. */
export const ACTOR_STATE_TYPES = new Set(['DurableObjectState']);

/** `assign({ key: (args) => value })` (xstate): each function's result becomes the machine's context. */
export const STATE_UPDATERS = new Set(['assign']);

/** Factories whose handler is stateless: what it returns is not the actor's next state. */
export const STATELESS_HANDLER_FACTORIES = new Set(['spawnStateless']);

/** Method names that are message handlers wherever they are defined (extend with `settings.leakproof.handlerMethods`). */
export const DEFAULT_HANDLER_METHODS = [
  'webSocketMessage',
  'onMessage',
  'onmessage',
  'handleMessage',
  'receive',
  'onData',
  'handleData',
  'onChunk',
  'onFrame',
  'onPacket',
  'onLine',
  // kafkajs `consumer.run({ eachMessage, eachBatch })`
  'eachMessage',
  'eachBatch',
];

/** Base classes whose every method runs per message on a long-lived object (Durable Objects, PartyKit/partyserver, actor libraries). */
export const DEFAULT_ACTOR_BASE_CLASSES = ['DurableObject', 'Server', 'Actor', 'Agent', 'Party.Server'];

/** Functions whose function arguments are message handlers (nact's `spawn`, actor factories). */
export const DEFAULT_HANDLER_FACTORIES = ['spawn', 'spawnStateless', 'createActor', 'actor'];

/** Stream classes whose `transform`/`write` callbacks receive every chunk. */
export const STREAM_BASE_CLASSES = new Set(['Transform', 'Writable', 'Duplex', 'PassThrough']);
/** Stream classes whose options may switch them to object mode (chunks are then any value). */
export const STREAM_CLASSES = new Set(['Readable', 'Transform', 'Writable', 'Duplex', 'PassThrough']);
export const STREAM_CHUNK_METHODS = new Set(['transform', '_transform', 'write', '_write', 'flush']);

/**
 * Names of a WebAssembly memory (`instance.exports.memory`, `wasm.memory`, `wasmMemory`): its `.buffer`
 * is the whole linear memory, not a view's store (wasm-bindgen glue reads it on every call).
 */
export const WASM_MEMORY_NAMES = /^(?:wasm)?memory$/i;
/**
 * Names code gives a byte view (`buf.buffer`, `bytes.buffer`, `u8.buffer`): with them, `x.buffer` handed to
 * code that reads bytes is a view's store, where `file.buffer` or `msg.buffer` is as likely a holder's field.
 */
export const BYTE_VIEW_NAMES = /^(?:buf|buff|buffer|bytes|u8|u8a|uint8|uint8array|u8arr|arr|chunk|view|payload|raw|bin|binary|data|encoded)$/i;

/** Typed-array constructors: `new X(arrayBuffer, byteOffset, length)` is a view. */
export const TYPED_ARRAY_CONSTRUCTORS = new Set([
  'Uint8Array',
  'Uint8ClampedArray',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

/** Typed arrays whose elements are single bytes (offsets and lengths are both in bytes). */
export const BYTE_TYPED_ARRAYS = new Set(['Uint8Array', 'Uint8ClampedArray', 'Int8Array']);

/** String methods whose result V8 may make a sliced string of the receiver (13+ characters). */
export const STRING_SLICE_METHODS = new Set([
  'slice',
  'substring',
  'substr',
  'trim',
  'trimStart',
  'trimEnd',
  'trimLeft',
  'trimRight',
]);
/**
 * String methods whose result can still keep a sliced receiver's parent: they may return the receiver
 * itself (`toLowerCase` of lower-case text, `trim` with nothing to trim, `normalize`, `toString`, `padEnd`
 * with no padding) or a cons string of its slices (`replace`, match or not). Measured on Node 20 by
 * scripts/measure-string-passthrough.js: 212 MB kept for 200 pieces of 1 MB parents, as the bare slice.
 */
export const STRING_PASS_THROUGH_METHODS = new Set([
  'replace',
  'replaceAll',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'toString',
  'valueOf',
  'padStart',
  'padEnd',
]);
/** String methods that return containers of sliced strings (parts, regexp matches and groups). */
export const STRING_PART_METHODS = new Set(['split', 'match', 'matchAll']);
/** Methods only strings have: calling one is evidence that the receiver is text. */
export const STRING_ONLY_METHODS = new Set([
  'substring',
  'substr',
  'split',
  'trim',
  'trimStart',
  'trimEnd',
  'trimLeft',
  'trimRight',
  'startsWith',
  'endsWith',
  'charAt',
  'charCodeAt',
  'codePointAt',
  'toUpperCase',
  'toLowerCase',
  'replace',
  'replaceAll',
  'match',
  'matchAll',
  'padStart',
  'padEnd',
  'normalize',
  'localeCompare',
]);
/** Methods only Buffers have: calling one is evidence that the receiver is a Buffer. */
export const BUFFER_ONLY_METHODS = new Set([
  'readUInt8',
  'readUInt16LE',
  'readUInt16BE',
  'readUInt32LE',
  'readUInt32BE',
  'readUint8',
  'readUint16LE',
  'readUint16BE',
  'readUint32LE',
  'readUint32BE',
  'readInt8',
  'readInt16LE',
  'readInt16BE',
  'readInt32LE',
  'readInt32BE',
  'readBigUInt64LE',
  'readBigUInt64BE',
  'readBigInt64LE',
  'readBigInt64BE',
  'readFloatLE',
  'readFloatBE',
  'readDoubleLE',
  'readDoubleBE',
  'readUIntBE',
  'readUIntLE',
  'readIntBE',
  'readIntLE',
  'readBigUint64LE',
  'readBigUint64BE',
  'writeUInt8',
  'writeUInt16LE',
  'writeUInt16BE',
  'writeUInt32LE',
  'writeUInt32BE',
  'writeUint8',
  'writeUint16LE',
  'writeUint16BE',
  'writeUint32LE',
  'writeUint32BE',
  'writeInt8',
  'writeInt16LE',
  'writeInt16BE',
  'writeInt32LE',
  'writeInt32BE',
  'writeBigUInt64LE',
  'writeBigUInt64BE',
  'writeBigInt64LE',
  'writeBigInt64BE',
  'writeFloatLE',
  'writeFloatBE',
  'writeDoubleLE',
  'writeDoubleBE',
  'writeUIntLE',
  'writeUIntBE',
  'writeIntLE',
  'writeIntBE',
  'utf8Slice',
  'latin1Slice',
  'asciiSlice',
  'hexSlice',
  'base64Slice',
  'ucs2Slice',
  'utf8Write',
  'equals',
  'compare',
  'swap16',
  'swap32',
]);
/** Members only views have (typed arrays, Buffers, DataViews). */
export const VIEW_ONLY_MEMBERS = new Set(['subarray', 'byteOffset', 'byteLength', 'buffer', 'getUint8', 'getUint32']);

/** `Buffer.*` calls that return a new Buffer (a Buffer value, not a view of its argument). */
export const BUFFER_FACTORIES = new Set([
  'from',
  'alloc',
  'allocUnsafe',
  'allocUnsafeSlow',
  'concat',
  'copyBytesFrom',
]);

/** Calls that read I/O into memory: their result is a parent worth keeping whole only on purpose. */
export const IO_READ_FUNCTIONS = new Set(['readFileSync', 'readFile']);
/**
 * HTTP clients whose call resolves to a response with the body on it: got's `(await got(url)).body` (text
 * unless asked otherwise), axios' `.data`, needle's and phin's `.body`. The body is the parent of whatever
 * is cut from it.
 */
export const HTTP_CLIENT_BODIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['got', new Set(['body', 'rawBody'])],
  ['axios', new Set(['data'])],
  ['needle', new Set(['body', 'raw'])],
  ['phin', new Set(['body'])],
]);
/** Methods that read a chunk or a body: `stream.read()`, `await request.text()`, `await blob.arrayBuffer()`. */
export const IO_READ_METHODS = new Set(['read', 'readFileSync', 'readFile', 'text', 'arrayBuffer', 'bytes']);

/** Calls that turn bytes into text: slices of their result keep that whole text. */
export const DECODE_METHODS = new Set(['toString', 'decode']);

/** Collection inserts: the first argument index that is stored (every later argument is stored too). */
export const COLLECTION_INSERTS: ReadonlyMap<string, number> = new Map([
  ['push', 0],
  ['unshift', 0],
  ['add', 0],
  ['set', 0], // a Map keeps its keys as well as its values
  ['splice', 2],
]);

/** Constructors whose instances are collections (an insert keeps the value as long as the collection). */
export const COLLECTION_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'Array']);
/** Methods that take a value out of a collection: the object it returns is as long-lived as the collection. */
export const COLLECTION_GETTERS = new Set(['get', 'at', 'find', 'findLast']);

/** Array methods whose callback receives each element of the receiver as its first parameter (`parts.map((part) => …)`). */
export const ELEMENT_CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'findLastIndex', 'some', 'every', 'flatMap']);

/** Array methods whose callback also runs once per element, with an accumulator first (`rows.reduce((sum, row) => …)`). */
export const FOLDING_METHODS = new Set(['reduce', 'reduceRight']);

/** Array methods whose result holds the receiver's elements (and `concat`'s arguments'): `[...log, x].slice(-100)`. */
export const ELEMENT_KEEPING_METHODS = new Set(['slice', 'concat', 'filter', 'reverse', 'sort', 'toSorted', 'toReversed', 'toSpliced', 'flat', 'with']);

/** Timer and subscription functions: a closure handed to one lives as long as the timer or subscription. */
export const TIMER_FUNCTIONS = new Set(['setInterval', 'setTimeout', 'setImmediate']);

/** Names of the runtime checker's functions that rules' fixes may import. */
export const RUNTIME_MODULE = 'leakproof/runtime';

/**
 * Node functions that return a Buffer, by module (without the `node:` prefix). `encodingArg` is the
 * argument index whose string (or `{ encoding }`) makes the result text instead; `maxArgs` leaves out
 * callback forms, which return nothing.
 */
export interface BufferReturningFunction {
  encodingArg?: number;
  maxArgs?: number;
}
/**
 * Node APIs whose streams emit Buffers from `'data'` unless an encoding is set (a platform contract, so a
 * chunk from them is a proven Buffer): sockets from `net`/`tls`, and file read streams opened without an
 * `encoding` (its position in `encodingArg`). `servers` make servers whose connection callbacks receive sockets.
 */
export const BYTE_STREAM_FACTORIES: ReadonlyMap<string, ReadonlyMap<string, BufferReturningFunction>> = new Map([
  ['net', new Map<string, BufferReturningFunction>([['connect', {}], ['createConnection', {}]])],
  ['tls', new Map<string, BufferReturningFunction>([['connect', {}]])],
  ['fs', new Map<string, BufferReturningFunction>([['createReadStream', { encodingArg: 1 }]])],
]);
export const SOCKET_SERVER_FACTORIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['net', new Set(['createServer'])],
  ['tls', new Set(['createServer'])],
]);
/** Sockets whose `'message'` events deliver each datagram as a Buffer. */
export const DATAGRAM_FACTORIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([['dgram', new Set(['createSocket'])]]);
/** Events whose listener receives a connected socket. */
export const CONNECTION_EVENTS = new Set(['connection', 'secureConnection']);
/** Types (with types) whose `'data'` chunks are Buffers unless an encoding is set. */
export const BYTE_STREAM_TYPES = new Set(['Socket', 'TLSSocket', 'ReadStream']);

export const BUFFER_RETURNING_FUNCTIONS: ReadonlyMap<string, ReadonlyMap<string, BufferReturningFunction>> = new Map<
  string,
  ReadonlyMap<string, BufferReturningFunction>
>([
  ['fs', new Map<string, BufferReturningFunction>([['readFileSync', { encodingArg: 1 }]])],
  ['fs/promises', new Map<string, BufferReturningFunction>([['readFile', { encodingArg: 1 }]])],
  [
    'crypto',
    new Map<string, BufferReturningFunction>([
      ['randomBytes', { maxArgs: 1 }],
      ['scryptSync', {}],
      ['pbkdf2Sync', {}],
    ]),
  ],
  [
    'zlib',
    new Map<string, BufferReturningFunction>(
      [
        'gzipSync',
        'gunzipSync',
        'deflateSync',
        'inflateSync',
        'deflateRawSync',
        'inflateRawSync',
        'unzipSync',
        'brotliCompressSync',
        'brotliDecompressSync',
      ].map((name) => [name, {}]),
    ),
  ],
]);

/**
 * `Buffer.*` factories whose result owns its whole ArrayBuffer: `alloc` and `allocUnsafeSlow` never use
 * the shared pool. (`from`, `concat`, `allocUnsafe` and `copyBytesFrom` take sizes under
 * `Buffer.poolSize >>> 1` from the pool, so their result may be a small view of a pool slab.)
 */
export const EXACT_BUFFER_FACTORIES = new Set(['alloc', 'allocUnsafeSlow']);
/** Factories that allocate a Buffer of a size (`Buffer.alloc(n)`), as against copying bytes given (`Buffer.from(x)`). */
export const ALLOCATING_BUFFER_FACTORIES = new Set(['alloc', 'allocUnsafe', 'allocUnsafeSlow']);

/**
 * Typed-array (and Buffer) methods that return their receiver itself (ECMAScript's %TypedArray%.prototype
 * `fill`, `sort`, `reverse`, `copyWithin`; measured by scripts/measure-backing-store.js): `new
 * Uint32Array(256).fill(x)` is the array just made, with the same store.
 */
export const RECEIVER_RETURNING_METHODS = new Set(['fill', 'sort', 'reverse', 'copyWithin']);
export const POOLED_BUFFER_FACTORIES = new Set(['from', 'concat', 'allocUnsafe', 'copyBytesFrom']);

/**
 * The largest size a pooled factory may still take from the pool: `Buffer.poolSize >>> 1`, where the pool
 * is 8 KiB up to Node 26.2 and 64 KiB from 26.3. The program may run on either, so a size known to be at
 * least this is never pooled; a smaller one may be.
 */
export const MAX_POOLED_SIZE = 32 * 1024;

/**
 * Library contracts, read from the libraries' source: functions that hand back a Buffer from Node's
 * shared pool under another name. b4a's `from`, `allocUnsafe` and `concat` call the `Buffer` factories of
 * the same name on Node (its browser build makes plain Uint8Arrays, never pooled); compact-encoding's
 * `encode(encoding, value)` writes the encoding into `b4a.allocUnsafe(size)` and returns it.
 */
export const POOLED_LIBRARY_FACTORIES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['b4a', new Set(['from', 'allocUnsafe', 'concat'])],
  ['compact-encoding', new Set(['encode'])],
]);

/** Every method name of a pooled factory, Node's or a library's: a call by another name makes no pooled Buffer. */
export const POOLED_FACTORY_NAMES: ReadonlySet<string> = new Set([...POOLED_BUFFER_FACTORIES, ...[...POOLED_LIBRARY_FACTORIES.values()].flatMap((names) => [...names])]);

/**
 * Library contracts, measured: functions that return a view of a larger buffer they reuse, so the result's
 * `.buffer` holds bytes past it. @msgpack/msgpack's `encode` (3.1.3 from npm: `encode({ x: 1 })` is 4 bytes
 * over a 2,048-byte ArrayBuffer; msgpack-javascript issue #145; its `Encoder#encode` copies and is not listed).
 */
export const VIEW_RETURNING_LIBRARY_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([['@msgpack/msgpack', new Set(['encode'])]]);

/**
 * Library contracts, measured with the repository's scripts/measure-library-contracts.js (compact-encoding
 * 3.5.2, hypercore-crypto 3.7.0, b4a 1.9.0, Node 20, `Buffer.poolSize` 8,192). Resolved, with the binding
 * of the receiver to the module, in library-contracts.ts.
 *
 * compact-encoding's encodings whose `decode(state)` returns `state.buffer.subarray(…)`: a view of the
 * message the state reads (`fixed32.decode` gave a 32-byte view of a 4,096-byte message, `buffer.decode` a
 * 5-byte one). The value is the view's fixed size, or 0 when it depends on the message.
 */
export const VIEW_DECODING_ENCODINGS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  [
    'compact-encoding',
    new Map([
      ['fixed8', 8],
      ['fixed16', 16],
      ['fixed24', 24],
      ['fixed32', 32],
      ['fixed64', 64],
      ['buffer', 0],
      ['optionalBuffer', 0],
      ['binary', 0],
      ['raw', 0],
      ['uint8array', 0],
    ]),
  ],
]);

/**
 * compact-encoding's encodings that decode to a number, a string or a boolean, never to bytes:
 * `c.decode(c.uint, buf)` holds nothing of `buf`; `c.decode(record, buf)` of any other encoding may.
 */
export const SCALAR_ENCODINGS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'compact-encoding',
    new Set([
      'uint', 'uint8', 'uint16', 'uint24', 'uint32', 'uint40', 'uint48', 'uint56', 'uint64',
      'int', 'int8', 'int16', 'int24', 'int32', 'int40', 'int48', 'int56', 'int64',
      'biguint64', 'bigint64', 'biguint', 'bigint', 'float32', 'float64', 'bool', 'none',
      'string', 'utf8', 'ascii', 'hex', 'base64', 'utf16le', 'ucs2', 'lexint', 'date',
    ]),
  ],
]);

/**
 * Library functions whose result is a Buffer they take from Node's shared pool: hypercore-crypto's `data`,
 * `parent`, `tree`, `hash` and `randomBytes` write into `b4a.allocUnsafe(…)` (each measured a 32-byte view
 * of an 8,192-byte pool slab). Its `keyPair`, `sign`, `discoveryKey` and `namespace` use `allocUnsafeSlow`
 * (measured: their own stores), and are not listed. The value is the pooled allocation, for messages.
 */
export const POOLED_LIBRARY_FUNCTIONS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'hypercore-crypto',
    new Map([
      ['data', 'b4a.allocUnsafe(32)'],
      ['parent', 'b4a.allocUnsafe(32)'],
      ['tree', 'b4a.allocUnsafe(32)'],
      ['hash', 'b4a.allocUnsafe(32)'],
      ['randomBytes', 'b4a.allocUnsafe(n)'],
    ]),
  ],
]);

/** Every function name a library contract answers for: a call by another name is not looked at further. */
export const LIBRARY_CONTRACT_NAMES: ReadonlySet<string> = new Set(['decode', ...[...POOLED_LIBRARY_FUNCTIONS.values()].flatMap((names) => [...names.keys()])]);

/**
 * A library's own unpooled counterpart of a pooled factory: b4a's `allocUnsafeSlow` (added in b4a 1.6; on Node
 * it is `Buffer.allocUnsafeSlow`). Offered as a suggestion, since an older version of the library lacks it.
 */
export const UNPOOLED_LIBRARY_COUNTERPARTS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([['b4a', new Map([['allocUnsafe', 'allocUnsafeSlow']])]]);

/**
 * Modules whose exported classes are keyed caches (`get`/`set`/`delete`, like a Map): what is `set` in
 * one stays until it is evicted. lru-cache, quick-lru, tiny-lru, @isaacs/ttlcache, node-cache, xache
 * (holepunch's), mnemonist.
 */
export const KEYED_CACHE_MODULES = new Set(['lru-cache', 'quick-lru', 'tiny-lru', '@isaacs/ttlcache', 'node-cache', 'xache', 'mnemonist']);

/** Calls that structured-clone their first argument, a view's whole ArrayBuffer included (the repository's scripts/measure-clone-view.js). */
export const CLONE_FUNCTIONS = new Set(['structuredClone', 'postMessage']);
/** IndexedDB object store methods that structured-clone the value they store. */
export const IDB_STORE_METHODS = new Set(['put', 'add']);
/** Types whose `postMessage` structured-clones: worker_threads and web workers, ports, channels, windows. */
export const POST_MESSAGE_TYPES = new Set([
  'Worker',
  'MessagePort',
  'BroadcastChannel',
  'Window',
  'WindowProxy',
  'DedicatedWorkerGlobalScope',
  'ServiceWorker',
  'Client',
  'MessageEventSource',
]);
/** Receiver names that are message ports or workers when there is no type information. */
export const POST_MESSAGE_RECEIVERS = /^(?:parentPort|port\d?|\w*Port|worker|\w*Worker|self|window|globalThis|channel|\w*Channel|bc)$/;
/** Constructors of objects whose `postMessage` structured-clones. */
export const POST_MESSAGE_CONSTRUCTORS = new Set(['Worker', 'BroadcastChannel', 'SharedWorker']);

/** `crypto.subtle` methods: each BufferSource argument is read whole. */
export const SUBTLE_METHODS = new Set([
  'digest',
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'importKey',
  'unwrapKey',
]);
/** Constructors whose array argument's parts are read whole (an ArrayBuffer part is all its bytes). */
export const BLOB_CONSTRUCTORS = new Set(['Blob', 'File']);
/** Helpers named for the Blob or File they make of their first argument (pdf.js' `PDFJS.createBlob(data, type)`). */
export const BLOB_HELPER_NAMES = /^(?:create|make)(?:Blob|File)$/;
/** Methods that write their data argument (index) whole to a file, socket or stream. */
export const WRITE_METHODS: ReadonlyMap<string, number> = new Map([
  ['send', 0],
  ['write', 0],
  ['end', 0],
  ['writeFile', 1],
  ['writeFileSync', 1],
  ['appendFile', 1],
  ['appendFileSync', 1],
  ['enqueue', 0],
]);
/** Modules whose functions only read the bytes they are given (an imported helper of another module may write them in place). */
export const READ_ONLY_MODULES = new Set(['leakproof/runtime', 'util', 'assert', 'assert/strict', 'zlib', 'string_decoder', 'buffer']);
/** Constructors whose first argument is a body written whole. */
export const BODY_CONSTRUCTORS = new Set(['Response', 'Request']);

/**
 * Send-like methods: `destination.method(payload, ...)` hands the payload to another actor, worker, port
 * or peer (a structured-clone copy for ports and workers, a queued write for sockets). `emit` is not one:
 * a local EventEmitter calls its listeners in the same thread with the same object.
 * Extend with no-middleman-forwarding's `sendMethods`.
 */
export const DEFAULT_SEND_METHODS = ['postMessage', 'send', 'tell', 'write', 'sendAndReceive'];
/** Sends whose first argument may be a topic, the payload following it: comedy's `actor.send('job', msg)`, `sendAndReceive('job', msg)`. */
export const TOPIC_FIRST_SEND_METHODS = new Set(['send', 'sendAndReceive']);
/** Fields that identify a table entry: `w.id === msg.to` in a scan is a lookup. */
export const IDENTITY_FIELD_NAMES = /^(?:id|pid|name|key|threadId|\w+Id|\w+Key)$/;
/** Handler methods whose messages come from a network socket (a relay from one to a peer is not a middleman). */
export const SOCKET_HANDLER_METHODS = new Set(['webSocketMessage']);
/** Handler parameters that are the connection a message came in on (PartyKit's `onMessage(message, sender)`). */
export const SOCKET_PARAM_NAMES = /^(?:ws|webSocket|websocket|socket|sender|conn|connection|client|peer)$/;
/** Send functions that take the destination and the payload as arguments: nact's `dispatch(actor, msg)`. */
export const SEND_FUNCTIONS: ReadonlyMap<string, { destination: number; payload: number }> = new Map([
  ['dispatch', { destination: 0, payload: 1 }],
]);
/** Sends whose second argument (or `{ transfer }` option) is a transfer list: ownership moves, nothing is copied. */
export const TRANSFER_SEND_METHODS = new Set(['postMessage']);
/** Calls that pick a destination out of a table: `routes.get(key)`, `ports.at(i)`, `workers.find(...)`. */
export const LOOKUP_METHODS = new Set(['get', 'at', 'find', 'findLast', 'getConnection']);
/**
 * Parameter names that are the sender or the context of a message, not the message: `webSocketMessage(ws,
 * message)`, PartyKit's `onMessage(message, sender)`, nact's `(msg, ctx)`.
 */
export const SENDER_PARAM_NAMES = /^(?:ws|webSocket|websocket|socket|sock|sender|conn|connection|client|peer|ctx|context|room|party|lobby|env|self|port|source)$/;
/** Message fields that name the sender: a send to the destination they pick is a reply, not a forward. */
export const SENDER_FIELD_NAMES = /^(?:from|sender|senderId|replyTo|reply_to|source|sourceId|origin|requester|requesterId|respondTo|returnAddress)$/;
/** Calls whose arguments are routing keys (a hash, a shard pick, a log line): reading a field for them is not using the payload. */
export const ROUTING_CALL_NAMES = /^(?:get|has|delete|at|hash\w*|\w*[hH]ash|crc\w*|fnv\w*|murmur\w*|djb\w*|xxh\w*|\w*[cC]hecksum|shard\w*|\w*[sS]hard\w*|route\w*|\w*[rR]oute|pick\w*|select\w*|lookup\w*|partition\w*|\w*[iI]ndex\w*|\w*[kK]ey\w*|choose\w*|log|info|debug|warn|error|trace|increment|inc|observe|count)$/;

/** The WebSocket Hibernation API pair constructor in Cloudflare Workers. */
export const WEBSOCKET_PAIR_CONSTRUCTORS = new Set(['WebSocketPair']);
/** Base classes and constructor-parameter types that make a class a Durable Object. */
export const DURABLE_OBJECT_BASES = new Set(['DurableObject']);
/**
 * A Durable Object written before the base class, in plain JavaScript: `constructor(state, env)`. The
 * names alone are not enough; the class must also use what only a Durable Object has (below, or
 * `state.storage`, `fetch(request)`, `new WebSocketPair()`).
 */
// `controller` is what Cloudflare's early examples (workers-chat-demo) called the state.
export const DURABLE_OBJECT_STATE_PARAM = /^(?:state|ctx|controller|durableObjectState|doState)$/;
export const DURABLE_OBJECT_ENV_PARAM = /^env/i;
/** Calls only a Durable Object's state answers. */
export const DURABLE_OBJECT_EVIDENCE_CALLS = new Set(['blockConcurrencyWhile', 'acceptWebSocket', 'getWebSockets', 'setAlarm', 'getAlarm']);
/** Declared types of a server socket (typed mode), and of a `fetch` result whose `webSocket` is a client end. */
export const SOCKET_TYPES = new Set(['WebSocket']);
export const RESPONSE_TYPES = new Set(['Response']);
/** Methods that take a socket without closing it: collections and loggers. */
export const NON_CLOSING_METHODS = new Set(['delete', 'get', 'set', 'has', 'add', 'push', 'unshift', 'indexOf', 'includes', 'splice', 'log', 'info', 'warn', 'error', 'debug', 'trace', 'stringify']);
/**
 * Events whose handler Node hands a view it cut from a socket's chunk, by that parameter's index: http's
 * `'upgrade'` and `'connect'` (`(req, socket, head)` on a server, `(res, socket, head)` on a request; always
 * the third parameter, which retained-view's check relies on). `head`, the bytes the parser read past the
 * headers, is a view of the chunk that carried them (measured with scripts/measure-upgrade-head.js on Node
 * 20: 0 bytes over a 72-byte store with nothing after the headers, 17 bytes over 89 with a first frame after
 * them): kept whole, it keeps that chunk.
 */
export const VIEW_PARAMETER_EVENTS: ReadonlyMap<string, number> = new Map([
  ['upgrade', 2],
  ['connect', 2],
]);

/**
 * Emscripten's views of a module's memory (`Module.HEAPU8`, `HEAPF32`, …), and the property a WebAssembly
 * instance's exports hold theirs in (`exports.memory`, `ctx.memory`): a typed array made over their
 * `buffer` at a pointer is a view of memory the module manages, not bytes of the caller's own.
 */
export const WASM_HEAP_NAMES = /^(?:HEAP(?:U?8|U?16|U?32|U?64|F32|F64)|_?memory)$/;
/**
 * A stream's or socket's writes: they hold the chunk they are given, not a copy, until it is sent
 * (scripts/measure-write-queue.js: a view of one reused scratch Buffer per `socket.write()`, then the scratch
 * written again, sends other frames' bytes in about half of the frames). `writeSync` is not one; nor is a
 * WebSocket's or data channel's `send()`, which copies the bytes when called.
 */
export const QUEUEING_WRITES: ReadonlySet<string> = new Set(['write', 'end']);
/**
 * Receivers of such a write, by their last name (`this.socket.write(…)`, `res.end(…)`), or `this` itself (a
 * socket wrapper's own `write`, node-amqp's `Connection`): a custom writer (`this.writer.write(…)`) may copy.
 */
export const QUEUEING_WRITERS = /^(?:_*(?:socket|sock|stream|conn|connection|res|response|duplex|writable|output|destination|dest))$/i;
/** What hands a module's memory back to its allocator: Emscripten's `_free`, a C-style `free`, wasm-bindgen's `__wbindgen_free`. */
export const WASM_FREE_NAMES = /^(?:_?free|_?dealloc|__wbindgen_free|_?wasm_free)$/;

/**
 * uWebSockets.js lends the ArrayBuffer it passes to `res.onData((chunk, isLast) => …)` only while the
 * callback runs: its documentation says to copy what is kept, and it frees or reuses the memory after. A
 * response is known as uWebSockets.js' by the module's import or by the calls only its responses take.
 */
export const LENT_BUFFER_MODULES: readonly string[] = ['uWebSockets.js'];
export const LENT_BUFFER_RESPONSE_METHODS = new Set(['onAborted', 'writeStatus', 'writeHeader', 'cork', 'tryEnd']);

/** The Durable Object hibernation handler that receives each socket event. */
export const SOCKET_EVENT_HANDLERS: Readonly<Record<string, string>> = {
  message: 'webSocketMessage',
  close: 'webSocketClose',
  error: 'webSocketError',
};
/** The handler methods a Durable Object needs once its sockets are accepted with `ctx.acceptWebSocket`. */
export const HIBERNATION_HANDLER_METHODS = ['webSocketMessage', 'webSocketClose', 'webSocketError'];
/** The Durable Object method that receives a closed socket: it should close its own end (`ws.close()`). */
export const WEBSOCKET_CLOSE_METHOD = 'webSocketClose';
/** The Durable Object API that keeps per-socket state across hibernation. */
export const SOCKET_ATTACHMENT_METHODS = new Set(['serializeAttachment', 'deserializeAttachment']);
/** Socket events that a Durable Object should receive through its hibernation handler methods instead. */
export const SOCKET_EVENTS = new Set(['message', 'close', 'error']);
/** Timers that keep an isolate, and so a Durable Object, awake while they are pending. */
export const RESIDENT_TIMERS = new Set(['setInterval', 'setTimeout']);
/** A `setTimeout` shorter than this is a pause, not scheduled work an alarm would do (milliseconds). */
export const ALARM_WORTHY_DELAY_MS = 1000;
/** PartyKit connection handlers: with `hibernate: true`, per-connection listeners belong in `onMessage`. */
export const PARTYKIT_CONNECT_METHOD = 'onConnect';
/** PartyKit's object-literal API hibernates when the server defines `onMessage`. */
export const PARTYKIT_MESSAGE_METHOD = 'onMessage';
export const CONNECTION_LISTEN_METHODS = new Set(['addEventListener', 'on', 'addListener']);
/** Functions that release or compact an idle actor's state (`leakproof/runtime`); extend with `releaseFunctions`. */
export const DEFAULT_RELEASE_FUNCTIONS = ['hibernate', 'hibernateWhenIdle'];
/** Methods that shrink a collection or buffer field: a field they are called on is cleared, trimmed or compacted. */
export const RELEASE_METHODS = new Set([
  'clear',
  'delete',
  'shift',
  'pop',
  'splice',
  'subarray',
  'slice',
  'filter',
  'compact',
  'trim',
  'reset',
  'evict',
  'prune',
]);
/** Function names that say they release what they are given. */
export const RELEASING_NAMES = /(?:compact|release|clear|trim|evict|prune|reset|drain|hibernate|dispose|free)/i;
/**
 * Message entry points of generic actor classes (comedy's `receive`, hand-written `handle`). With a name
 * that says it lives on (below), such a class is an actor without a base class; a `Parser` with a
 * `receive` method is a helper its owner drops.
 */
export const ACTOR_RECEIVE_METHODS = new Set(['receive', 'handle', 'handleMessage']);
export const ACTOR_CLASS_NAMES = /(?:Actor|Agent|Room|Session|Channel|Mailbox|Process|Party)$/;
/**
 * comedy's actor definitions: a plain class whose `initialize(selfActor)` receives its own actor reference
 * (named so, or used for what only an actor reference does). Every other method handles the messages of
 * the topic it is named after (`actor.sendAndReceive('resize', image)` runs `resize(image)`).
 */
export const ACTOR_INITIALIZE_METHOD = 'initialize';
export const ACTOR_SELF_PARAM_NAMES = /^selfActor$/;
export const ACTOR_SELF_METHODS = new Set(['createChild', 'createChildren', 'getParent', 'getSystem', 'getBus', 'forwardToParent', 'forwardToChild']);
/** Methods of a comedy actor definition that are lifecycle hooks, not topics. */
export const ACTOR_LIFECYCLE_METHODS = new Set(['constructor', 'initialize', 'destroy']);
/** Methods that grow a collection field by their arguments. */
export const ACCUMULATE_METHODS = new Set(['push', 'unshift', 'set', 'add', 'append', 'concat']);
/** Members that read a store's size, not what it holds (a generic actor's store read only so is never read back). */
export const STORE_SIZE_MEMBERS = new Set(['length', 'size', 'byteLength']);
/** Element types a store can be declared to hold binary data in: `Buffer[]`, `Array<Uint8Array>`, `ArrayBuffer[]`. */
export const BINARY_ELEMENT_TYPES = new Set(['Buffer', 'ArrayBuffer', 'DataView', ...TYPED_ARRAY_CONSTRUCTORS]);
/** Static calls that copy their first argument's bytes (`Buffer.from(x)`, `Buffer.copyBytesFrom(x)`). */
export const BYTE_COPY_CALLS = new Set(['from', 'copyBytesFrom']);

/**
 * Result types TypeScript's lib fixes, for reading a value's declared type from syntax alone
 * (src/analysis/declared.ts): what each method returns on a string, a number or an array.
 */
export const STRING_TO_STRING_METHODS = new Set([
  ...STRING_SLICE_METHODS,
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'normalize',
  'repeat',
  'concat',
  'charAt',
  'toString',
  'valueOf',
]);
export const STRING_TO_SCALAR_METHODS = new Set([
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'lastIndexOf',
  'charCodeAt',
  'localeCompare',
  'search',
]);
export const NUMBER_TO_STRING_METHODS = new Set(['toFixed', 'toPrecision', 'toExponential', 'toString', 'toLocaleString']);
/** Array methods that return an array of the same elements. */
export const ARRAY_TO_SAME_ARRAY_METHODS = new Set([
  'slice',
  'filter',
  'concat',
  'sort',
  'reverse',
  'splice',
  'toSorted',
  'toReversed',
  'toSpliced',
  'with',
]);
export const ARRAY_TO_SCALAR_METHODS = new Set(['indexOf', 'lastIndexOf', 'includes', 'some', 'every', 'findIndex', 'findLastIndex']);
