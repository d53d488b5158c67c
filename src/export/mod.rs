//! Exports in the exchange formats other tools read: an OSCAL
//! assessment-results document of a report (`analyze --format oscal`) and
//! SARIF for a comparison's lost items (`compare --format sarif`). Both are
//! deterministic: ids are UUID v5 of stable keys, times come from the
//! report's as-of date, never from the clock.

pub mod oscal;
pub mod sarif;

/// A relative path as a URI reference: `/` kept, every byte outside the
/// unreserved set and `/` percent-encoded (spaces, `#`, non-ASCII).
pub fn path_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::path_uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("corpus/a b.md"), "corpus/a%20b.md");
        assert_eq!(path_uri("../x/法.md"), "../x/%E6%B3%95.md");
        assert_eq!(path_uri("a#1.md"), "a%231.md");
    }
}
