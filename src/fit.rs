//! Vectors of a large document held at their length.

/// `v` at its length: grown by doubling, a vector may hold up to twice the
/// room it needs, for as long as the document is judged. Its elements are
/// moved into a vector of their number when more than an eighth is spare
/// (the move is brief; the room it frees is not: shrinking in place would
/// keep the allocator's block).
pub fn fitted<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity() - v.len() <= v.len() / 8 {
        return v;
    }
    let mut exact = Vec::with_capacity(v.len());
    exact.append(&mut v);
    exact
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn keeps_the_elements_in_order_and_frees_the_spare_room() {
        let mut v: Vec<String> = Vec::with_capacity(100);
        v.extend(["a", "b", "c"].map(String::from));
        let f = fitted(v);
        assert_eq!(f, ["a", "b", "c"]);
        assert!(f.capacity() < 100);
        let mut tight: Vec<u8> = Vec::with_capacity(9);
        tight.extend([1; 8]);
        assert_eq!(fitted(tight).capacity(), 9);
    }
}
