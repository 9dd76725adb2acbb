// Role: growth of the hand-managed pointer buffers of the hot loops (tokens, phrase keys, pending bytes): a
// bigger allocation, twice the capacity until it holds what is needed, keeping the elements in use.
extension UnsafeMutablePointer {
    /// Moves `pointer`'s first `count` elements into a new allocation of at least `needed` elements (the
    /// capacity doubled until it holds them) and frees the old one; does nothing when `capacity` suffices.
    /// For trivial element types (numbers, bytes), as the buffers it serves hold.
    @inlinable
    public static func grow(_ pointer: inout UnsafeMutablePointer<Pointee>, capacity: inout Int, keeping count: Int,
                            toHold needed: Int) {
        guard needed > capacity else { return }
        var bigger = Swift.max(1, capacity)
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<Pointee>.allocate(capacity: bigger)
        moved.update(from: pointer, count: count)
        pointer.deallocate()
        pointer = moved; capacity = bigger
    }
}
