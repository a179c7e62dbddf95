import Foundation

/// The sources' blobs, handed to the workers as they are found. Bounded, so that walking a huge
/// tree faster than it can be read does not hold every path in memory at once, and so that bytes a
/// source holds (git objects) wait in memory only up to `byteBudget`.
/// `@unchecked Sendable`: every stored property is read and written only while holding `condition`.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private let byteBudget: Int
    /// Popped slots are nil: their bytes are released as soon as a worker takes them.
    private var items: [BlobItem?] = []
    private var head = 0
    private var closed = false
    private var queuedBytes = 0
    /// Items popped whose worker has not said `finished` yet.
    private var active = 0

    init(capacity: Int = 4096, byteBudget: Int = 64 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    private static func size(_ item: BlobItem) -> Int {
        if case .bytes(let bytes) = item.content { return bytes.count }
        return 0
    }

    /// Adds an item, waiting while the queue is full.
    func push(_ item: BlobItem) {
        condition.lock()
        let size = Self.size(item)
        while items.count - head >= capacity || (queuedBytes > 0 && queuedBytes + size > byteBudget) { condition.wait() }
        items.append(item)
        queuedBytes += size
        condition.broadcast()
        condition.unlock()
    }

    /// No more items will come; waiting workers drain the rest and stop.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// A worker is done with the item it popped last.
    func finished() {
        condition.lock()
        active -= 1
        if active == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Waits until every item pushed so far has been popped and finished.
    func waitUntilIdle() {
        condition.lock()
        while head < items.count || active > 0 { condition.wait() }
        condition.unlock()
    }

    /// The next item, waiting for one if needed; nil once the queue is closed and empty.
    func pop() -> BlobItem? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]!  // slots before head are the only nil ones
        items[head] = nil
        queuedBytes -= Self.size(item)
        active += 1
        head += 1
        if head > 4096 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()  // room for the walker
        return item
    }
}

/// Collects each worker's results when it finishes.
/// `@unchecked Sendable`: `collected` is only touched while holding `lock`.
final class ResultSink<Part: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Part] = []

    func add(_ partial: Part) {
        lock.withLock { collected.append(partial) }
    }

    var all: [Part] {
        lock.withLock { collected }
    }
}
