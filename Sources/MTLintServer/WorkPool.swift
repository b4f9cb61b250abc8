import Foundation

/// Runs the CPU-bound linting on a fixed number of worker threads, off the server's event loops and
/// Swift's cooperative pool, with a bounded queue and a time limit per job.
///
/// A job that waits longer than its limit is answered with `.timedOut` and never runs. A job that is
/// already running cannot be interrupted: its caller is answered at the limit, and the worker finishes
/// the job and discards the result, so at most `width` jobs ever run and at most `width + queueLimit`
/// are held.
final class WorkPool: @unchecked Sendable {
    enum Failure: Error, Sendable {
        case busy
        case timedOut
        case stopped
    }

    let width: Int
    let queueLimit: Int
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var outstanding = 0
    private var stopped = false
    private var threads = 0

    /// One submitted job: its work, and its caller, answered exactly once.
    private final class Job: @unchecked Sendable {
        private let lock = NSLock()
        private var answer: ((Result<Void, Failure>) -> Void)?
        private var timer: DispatchWorkItem?
        let work: () -> Void

        init(work: @escaping () -> Void, answer: @escaping (Result<Void, Failure>) -> Void) {
            self.work = work
            self.answer = answer
        }

        var isAnswered: Bool {
            lock.lock(); defer { lock.unlock() }
            return answer == nil
        }

        func setTimer(_ t: DispatchWorkItem) {
            lock.lock(); timer = t; lock.unlock()
        }

        func finish(_ r: Result<Void, Failure>) {
            lock.lock()
            let a = answer
            answer = nil
            let t = timer
            timer = nil
            lock.unlock()
            t?.cancel()
            a?(r)
        }
    }

    init(width: Int, queueLimit: Int) {
        self.width = max(1, width)
        self.queueLimit = max(0, queueLimit)
        for k in 0..<self.width {
            let t = Thread { self.loop() }
            t.name = "mtlint-lint-\(k)"
            t.stackSize = 16 << 20
            threads += 1
            t.start()
        }
    }

    /// Jobs queued or running now.
    var load: Int {
        condition.lock(); defer { condition.unlock() }
        return outstanding
    }

    /// Runs `work` on a worker; throws `.busy` when the queue is full, `.timedOut` after `timeout` seconds.
    func run<T: Sendable>(timeout: Double, _ work: @escaping @Sendable () -> T) async throws(Failure) -> T {
        let box = ResultBox<T>()
        let result: Result<Void, Failure> = await withCheckedContinuation { continuation in
            let job = Job(work: { box.value = work() }, answer: { continuation.resume(returning: $0) })
            condition.lock()
            if stopped {
                condition.unlock()
                job.finish(.failure(.stopped))
                return
            }
            guard outstanding < width + queueLimit else {
                condition.unlock()
                job.finish(.failure(.busy))
                return
            }
            outstanding += 1
            queue.append(job)
            condition.signal()
            condition.unlock()
            let timer = DispatchWorkItem { [weak job] in job?.finish(.failure(.timedOut)) }
            job.setTimer(timer)
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        }
        switch result {
        case .success:
            return box.value!
        case .failure(let f):
            throw f
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while head == queue.count && !stopped { condition.wait() }
            if head == queue.count {
                threads -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue[head]
            queue[head] = Self.done
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            if !job.isAnswered {
                job.work()
                job.finish(.success(()))
            }
            condition.lock()
            outstanding -= 1
            condition.unlock()
        }
    }

    private static let done = Job(work: {}, answer: { _ in })

    /// Stops taking jobs; workers finish what is queued and exit. Waits at most `timeout` seconds.
    func shutdown(timeout: Double = 5) {
        condition.lock()
        stopped = true
        condition.broadcast()
        let deadline = Date().addingTimeInterval(timeout)
        while threads > 0 && condition.wait(until: deadline) {}
        condition.unlock()
    }
}

/// Carries a worker's result to the awaiting task; written before the job is answered, read after.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
