import Foundation

/// Runs blocking work (file I/O, SQLite backups, configuration parsing) on a dispatch thread and awaits
/// it, so the cooperative pool's few threads never wait on it.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
