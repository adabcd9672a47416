#if canImport(Glibc)
    import Glibc
#endif

/// The size of the terminal on a file descriptor (TIOCGWINSZ), or nil when it is not one.
enum WindowSize {
    static func of(_ fd: Int32) -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
