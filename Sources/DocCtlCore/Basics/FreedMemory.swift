/// Gives the memory the process freed back to the system.
///
/// glibc keeps freed memory in its heaps for later allocations and the resident set never shrinks:
/// a build that drops the set's parsed bodies and their text (~80 MB at 1000 large documents)
/// would otherwise carry that into the render, whose search entries then come on top of it.
enum FreedMemory {
    static func giveBack() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (declared in `<malloc.h>`, which the Glibc module does not import).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
