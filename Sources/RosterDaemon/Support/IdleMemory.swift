#if os(Linux)
    import Glibc

    /// What a long-running daemon gives back once start-up is over.
    ///
    /// Start-up parses the YAML configuration (a large district's partners.yaml is megabytes of nodes),
    /// argument parsing, migrations and the directory sync; none of it runs again while the daemon idles.
    /// Two kinds of memory stay behind: freed heap that glibc keeps (`malloc_trim` returns it), and the
    /// clean file-backed pages of the code and read-only data that ran once (`MADV_PAGEOUT` on the
    /// process's read-only file mappings reclaims them; the kernel faults a page back in from the page
    /// cache or the file if it is ever needed again, so nothing can break, a later first use is only a
    /// little slower). Writable mappings and anonymous memory are never touched.
    public enum IdleMemory {
        /// Trims the heap and pages out the read-only file mappings. Returns how many mappings were advised.
        @discardableResult
        public static func release() -> Int {
            _ = glibcMallocTrim(0)
            guard let maps = fopen("/proc/self/maps", "r") else { return 0 }
            defer { fclose(maps) }
            var advised = 0
            var line = [CChar](repeating: 0, count: 4096)
            while fgets(&line, Int32(line.count), maps) != nil {
                let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                guard let mapping = Mapping(text), mapping.isReadOnlyFile else { continue }
                let address = UnsafeMutableRawPointer(bitPattern: mapping.start)
                // Random access from now on: a later fault reads the one page it needs, not a readahead
                // window that would map back tens of pages of code the daemon does not run.
                _ = madvise(address, mapping.length, MADV_RANDOM)
                if madvise(address, mapping.length, madvPageout) == 0 { advised += 1 }
            }
            return advised
        }

        /// `MADV_PAGEOUT` (Linux 5.4; <bits/mman-linux.h>, not exported by the Glibc module).
        static let madvPageout: Int32 = 21

        /// One line of /proc/self/maps: `start-end perms offset dev inode path`.
        struct Mapping: Equatable {
            var start: UInt
            var end: UInt
            var permissions: Substring
            var path: Substring

            init?(_ line: String) {
                let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
                guard fields.count >= 5 else { return nil }
                let range = fields[0].split(separator: "-")
                guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16),
                    end > start
                else { return nil }
                self.start = start
                self.end = end
                permissions = fields[1]
                path = fields.count == 6 ? fields[5].drop { $0 == " " }.prefix { $0 != "\n" } : ""
            }

            var length: Int { Int(end - start) }
            /// Backed by a file (a path, not `[heap]`, `[stack]`, `[vdso]` or anonymous) and not writable.
            var isReadOnlyFile: Bool { path.hasPrefix("/") && !permissions.contains("w") }
        }
    }

    /// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not import).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
