@preconcurrency import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// One SQLite connection: the only owner of SQLite's C API in Parley.
final class SQLiteDatabase {
    /// An SQLite failure: the primary result code and SQLite's own words.
    struct Failure: Error, Sendable, Equatable {
        var code: Int32
        var message: String

        /// Another connection held a lock for longer than the busy timeout.
        var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
        /// The file is not a database, or a damaged one.
        var isDamage: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB }
        /// An error in what was asked (for a search: the FTS5 query), not in the file.
        var isQueryError: Bool { code == SQLITE_ERROR }

        static let closed = Failure(code: SQLITE_MISUSE, message: "the index is closed")

        static func other(_ message: String) -> Failure { Failure(code: SQLITE_ERROR, message: message) }

        static func cannotOpen(_ message: String) -> Failure { Failure(code: SQLITE_CANTOPEN, message: message) }
    }

    /// A value bound to a statement's parameter.
    enum Value: Sendable, Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null

        static func integer(_ value: Int) -> Value { .integer(Int64(value)) }
        static func text(_ value: String?) -> Value { value.map { .text($0) } ?? .null }
    }

    /// A prepared statement, kept by its database for reuse.
    final class Statement {
        fileprivate let pointer: OpaquePointer

        fileprivate init(pointer: OpaquePointer) {
            self.pointer = pointer
        }

        func integer(_ column: Int32) -> Int {
            Int(sqlite3_column_int64(pointer, column))
        }

        func real(_ column: Int32) -> Double {
            sqlite3_column_double(pointer, column)
        }

        /// The column as text; "" for NULL.
        func text(_ column: Int32) -> String {
            optionalText(column) ?? ""
        }

        func optionalText(_ column: Int32) -> String? {
            guard let bytes = sqlite3_column_text(pointer, column) else { return nil }
            let count = Int(sqlite3_column_bytes(pointer, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// The SQLite library Parley runs with, like "3.40.1".
    static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    private var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]

    /// Opens (creating when missing) the database file. Nothing is read from it yet.
    init(path: String) throws(Failure) {
        var connection: OpaquePointer?
        // No mutex: the owning SessionIndex is not Sendable, so one thread uses a connection at a time.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let failure = connection.map { Self.failure(status, connection: $0) }
            sqlite3_close_v2(connection)
            throw failure ?? Failure(code: status & 0xFF, message: String(cString: sqlite3_errstr(status)))
        }
        handle = connection
        // Best-first search ranks with it (see shim.h); without FTS5 no index works at all.
        let registered = csqlite_register_rank(connection)
        guard registered == SQLITE_OK else {
            let failure = Failure(code: registered & 0xFF, message: "this SQLite library has no FTS5")
            close()
            throw failure
        }
    }

    deinit { close() }

    /// Finalizes every statement and closes the connection; later calls fail with `Failure.closed`.
    func close() {
        for statement in statements.values { sqlite3_finalize(statement.pointer) }
        statements = [:]
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// How long a statement waits for another connection's lock before it fails as busy.
    func setBusyTimeout(milliseconds: Int) throws(Failure) {
        let connection = try open()
        sqlite3_busy_timeout(connection, Int32(clamping: milliseconds))
    }

    /// Runs one or more statements that take no parameters, discarding any rows.
    func execute(_ sql: String) throws(Failure) {
        let connection = try open()
        let status = sqlite3_exec(connection, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw Self.failure(status, connection: connection) }
    }

    /// Runs one statement to its end.
    func run(_ sql: String, _ values: [Value] = []) throws(Failure) {
        _ = try rows(sql, values) { _ in () }
    }

    /// Runs one statement and reads each row it returns.
    func rows<Row>(_ sql: String, _ values: [Value] = [], _ read: (Statement) -> Row) throws(Failure) -> [Row] {
        let connection = try open()
        let statement = try prepared(sql, connection: connection)
        // A statement left mid-way keeps its read transaction open, which would block checkpoints.
        defer {
            sqlite3_reset(statement.pointer)
            sqlite3_clear_bindings(statement.pointer)
        }
        for (offset, value) in values.enumerated() {
            let status = bind(value, at: Int32(offset + 1), in: statement.pointer)
            guard status == SQLITE_OK else { throw Self.failure(status, connection: connection) }
        }
        var result: [Row] = []
        while true {
            let status = sqlite3_step(statement.pointer)
            if status == SQLITE_DONE { return result }
            guard status == SQLITE_ROW else {
                // sqlite3_reset gives the specific error of the step that failed.
                throw Self.failure(sqlite3_reset(statement.pointer), connection: connection)
            }
            result.append(read(statement))
        }
    }

    /// The first column of the first row, as an integer; nil when there is no row or it is NULL.
    func integer(_ sql: String, _ values: [Value] = []) throws(Failure) -> Int? {
        try rows(sql, values) { row in sqlite3_column_type(row.pointer, 0) == SQLITE_NULL ? nil : row.integer(0) }
            .first ?? nil
    }

    /// The first column of the first row, as text.
    func text(_ sql: String, _ values: [Value] = []) throws(Failure) -> String? {
        try rows(sql, values) { $0.optionalText(0) }.first ?? nil
    }

    /// Runs `body` in a transaction that takes the write lock at once: a read transaction that
    /// later wants to write could fail as busy without waiting, a `BEGIN IMMEDIATE` waits.
    func writeTransaction<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Empties the database file in place, even a damaged one, keeping its name and permissions.
    func resetToEmpty() throws(Failure) {
        let connection = try open()
        for statement in statements.values { sqlite3_finalize(statement.pointer) }
        statements = [:]
        csqlite_reset_database(connection, 1)
        defer { csqlite_reset_database(connection, 0) }
        try execute("VACUUM")
    }

    private func open() throws(Failure) -> OpaquePointer {
        guard let handle else { throw .closed }
        return handle
    }

    private func prepared(_ sql: String, connection: OpaquePointer) throws(Failure) -> Statement {
        if let statement = statements[sql] { return statement }
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw Self.failure(status, connection: connection) }
        let statement = Statement(pointer: pointer)
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: Value, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): return sqlite3_bind_int64(statement, index, number)
        case .real(let number): return sqlite3_bind_double(statement, index, number)
        case .null: return sqlite3_bind_null(statement, index)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    csqlite_bind_text(statement, index, characters.baseAddress, Int32(clamping: characters.count))
                }
            }
        }
    }

    private static func failure(_ status: Int32, connection: OpaquePointer) -> Failure {
        var message = String(cString: sqlite3_errmsg(connection))
        let code = status & 0xFF
        // "unable to open database file" alone does not say why; the system's error does.
        if code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_PERM {
            let number = sqlite3_system_errno(connection)
            if number != 0 { message += " (\(String(cString: strerror(number))))" }
        }
        return Failure(code: code, message: message)
    }
}

@available(*, unavailable) extension SQLiteDatabase: Sendable {}
@available(*, unavailable) extension SQLiteDatabase.Statement: Sendable {}
