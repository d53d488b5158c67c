//! Where a long Markdown body can be cut so that each piece, given alone to
//! the Markdown parser, reads as it does inside the whole body: the parser
//! builds a tree of all it is given before its first event, and a piece
//! bounds that tree.
//!
//! - **Cuts between blocks**: at a line after a blank line that starts in
//!   the first column with a character that opens no list item or quote
//!   (not a space, `-`, `*`, `+`, a digit or `>`), everything the parser
//!   had open is closed — lists, quotes, paragraphs, tables, indented code,
//!   HTML blocks ended by a blank line — except a fenced code block or an
//!   HTML block of the kinds that run to an end marker (`<script`, `<pre`,
//!   `<style`, `<textarea`, `<!--`, `<?`, `<!X`, `<![CDATA[`). Those are
//!   followed here line by line, and the reader checks the parser's own
//!   reading: a piece whose last top-level code or HTML block runs to its
//!   end was not cut between blocks, and the whole body is read instead.
//!   A body with a link reference definition (`[label]:` anywhere) is not
//!   cut: its definitions serve the whole document. Nor is one with a
//!   carriage return that ends a line alone.
//! - **Long tables**: each row of a table is read alone, given the number
//!   of columns its head sets. A table starting at such a cut is read a
//!   number of rows at a time, each chunk given to the parser after the
//!   table's head and delimiter lines; only lines starting with `|` with
//!   some text after it (rows to the parser whatever they hold) are
//!   chunked, and the chunk after them holds the rest of the table and
//!   whatever follows it up to the next cut.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::blocks::OPTIONS;

/// The parser fills short rows with empty cells and ends a table once it
/// has filled this many (counted over the whole table).
pub(super) const MAX_FILLED_CELLS: usize = 1 << 18;

/// A piece of the body to give to the parser alone.
pub(super) enum Piece {
    /// The text in this range, read as it stands.
    Text(Range<usize>),
    /// Rows of a long table, read after the table's head.
    Table(TableChunk),
}

/// Rows of a long table, given to the parser after the table's head and
/// delimiter lines.
pub(super) struct TableChunk {
    /// The head and delimiter lines in the body.
    pub head: Range<usize>,
    /// The rows in the body (the last chunk: the rest of the table and
    /// what follows it, up to the next cut).
    pub rows: Range<usize>,
    /// The number of rows (all but the last chunk).
    pub row_count: usize,
    /// The first chunk: its rows follow the head in the body.
    pub first: bool,
    /// The last chunk.
    pub last: bool,
    /// The table's columns.
    pub columns: usize,
    /// Empty cells of the head (the parser adds some to a short head).
    pub head_filled: usize,
}

/// The pieces of `body`: pieces of text of at least `segment` bytes (but
/// the last) and long tables in chunks of at most `rows` rows. `None` when
/// the body is read whole.
pub(super) fn pieces(body: &str, segment: usize, rows: usize) -> Option<Vec<Piece>> {
    let b = body.as_bytes();
    if body.contains("]:")
        || body
            .match_indices('\r')
            .any(|(i, _)| b.get(i + 1) != Some(&b'\n'))
    {
        return None;
    }
    let mut out = Vec::new();
    // The current piece: its start and, for the last chunk of a table, the
    // table read before it.
    let mut start = 0;
    let mut tail: Option<TableChunk> = None;
    let mut pos = 0;
    let mut prev_blank = false;
    let mut inside: Option<Close> = None;
    while pos < b.len() {
        let end = line_end(b, pos);
        let line = &b[pos..end];
        if inside.is_none() && (pos == 0 || prev_blank && starts_top_level(line)) {
            if let Some(table) = long_table(body, pos, rows) {
                push(&mut out, start..pos, tail.take());
                out.extend(table.chunks.into_iter().map(Piece::Table));
                start = table.tail.rows.start;
                pos = table.tail.rows.end;
                tail = Some(table.tail);
                prev_blank = false;
                continue;
            }
            if pos - start >= segment {
                push(&mut out, start..pos, tail.take());
                start = pos;
            }
        }
        inside = match inside {
            Some(close) => (!closes(&close, line)).then_some(close),
            None => opens(line),
        };
        prev_blank = is_blank(line);
        pos = end;
    }
    push(&mut out, start..b.len(), tail);
    (out.len() > 1).then_some(out)
}

/// Close the piece `range` (`tail`: the last chunk of a table).
fn push(out: &mut Vec<Piece>, range: Range<usize>, tail: Option<TableChunk>) {
    match tail {
        Some(mut chunk) => {
            chunk.rows = range;
            out.push(Piece::Table(chunk));
        }
        None if !range.is_empty() => out.push(Piece::Text(range)),
        None => {}
    }
}

fn line_end(b: &[u8], pos: usize) -> usize {
    b[pos..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| pos + i + 1)
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// A line that, after a blank line, continues no list item or quote.
fn starts_top_level(line: &[u8]) -> bool {
    line.first().is_some_and(|&c| {
        c > b' ' && c != 0x7f && !matches!(c, b'-' | b'*' | b'+' | b'>') && !c.is_ascii_digit()
    })
}

/// What ends a fenced code block or an HTML block of the kinds 1–5.
enum Close {
    Fence(u8, usize),
    Html(&'static [u8]),
}

fn indent(line: &[u8]) -> Option<&[u8]> {
    let n = line.iter().take_while(|&&c| c == b' ').count();
    (n <= 3).then(|| &line[n..])
}

/// A fenced code block or an HTML block of the kinds 1–5 that the line
/// opens and does not close.
fn opens(line: &[u8]) -> Option<Close> {
    let t = indent(line)?;
    let &c = t.first()?;
    if c == b'`' || c == b'~' {
        let n = t.iter().take_while(|&&x| x == c).count();
        return (n >= 3 && !(c == b'`' && t[n..].contains(&b'`'))).then_some(Close::Fence(c, n));
    }
    if c != b'<' {
        return None;
    }
    let rest = &t[1..];
    let mut end: Option<&'static [u8]> = None;
    for (tag, close) in [
        (&b"script"[..], &b"</script>"[..]),
        (b"pre", b"</pre>"),
        (b"style", b"</style>"),
        (b"textarea", b"</textarea>"),
    ] {
        if rest.len() >= tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && rest
                .get(tag.len())
                .is_none_or(|&x| x.is_ascii_whitespace() || x == b'>')
        {
            end = Some(close);
        }
    }
    if rest.starts_with(b"!--") {
        end = Some(b"-->");
    } else if rest.starts_with(b"?") {
        end = Some(b"?>");
    } else if rest.starts_with(b"![CDATA[") {
        end = Some(b"]]>");
    } else if rest.len() > 1 && rest[0] == b'!' && rest[1].is_ascii_alphabetic() {
        end = Some(b">");
    }
    let end = end?;
    let close = Close::Html(end);
    (!closes(&close, &rest[1..])).then_some(close)
}

fn closes(close: &Close, line: &[u8]) -> bool {
    match *close {
        Close::Fence(c, n) => indent(line).is_some_and(|t| {
            let k = t.iter().take_while(|&&x| x == c).count();
            k >= n && t[k..].iter().all(u8::is_ascii_whitespace)
        }),
        Close::Html(end) => line.windows(end.len()).any(|w| w.eq_ignore_ascii_case(end)),
    }
}

/// A line the parser reads as a row of the table above it, whatever it
/// holds: `|` then something other than spaces.
fn is_row(line: &[u8]) -> bool {
    line.first() == Some(&b'|')
        && line[1..]
            .iter()
            .any(|c| !matches!(c, b' ' | b'\t' | 0x0b | 0x0c | b'\r' | b'\n'))
}

/// A table starting at `pos` read in chunks: all but the last, and the last
/// (its `rows` start where the last chunk starts; its end is set later).
struct LongTable {
    chunks: Vec<TableChunk>,
    tail: TableChunk,
}

/// The table starting at `pos` (where the parser starts afresh), when it
/// has more than `rows` rows.
fn long_table(body: &str, pos: usize, rows: usize) -> Option<LongTable> {
    let b = body.as_bytes();
    let head_end = line_end(b, pos);
    if !b[pos..head_end].contains(&b'|') || head_end >= b.len() {
        return None;
    }
    let delim_end = line_end(b, head_end);
    let delim = &b[head_end..delim_end];
    if !delim.contains(&b'-')
        || !delim
            .iter()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t' | b'\r' | b'\n'))
    {
        return None;
    }
    // Quickly: more rows than a chunk.
    let mut p = delim_end;
    let mut count = 0;
    while p < b.len() && count <= rows {
        let e = line_end(b, p);
        if !is_row(&b[p..e]) {
            return None;
        }
        count += 1;
        p = e;
    }
    if count <= rows {
        return None;
    }
    // The parser's reading of the head alone: a table, nothing else.
    let head = pos..delim_end;
    let mut columns = 0;
    let mut head_filled = 0;
    // (Read without offsets: the reader's loop is the one place that
    // reads them, where the parser's iterator is inlined.) An empty cell
    // of the head is counted as one the parser filled.
    let mut events = Parser::new_ext(&body[head.clone()], OPTIONS);
    if !matches!(events.next(), Some(Event::Start(Tag::Table(_)))) {
        return None;
    }
    let mut ended = false;
    let mut empty_cell = false;
    for event in events {
        if ended {
            return None;
        }
        match event {
            Event::Start(Tag::TableCell) => {
                columns += 1;
                empty_cell = true;
            }
            Event::End(TagEnd::TableCell) => head_filled += usize::from(empty_cell),
            Event::End(TagEnd::Table) => ended = true,
            _ => empty_cell = false,
        }
    }
    if !ended || columns == 0 {
        return None;
    }
    // Rows per chunk: a chunk's own count of filled cells stays below the
    // parser's limit.
    let per_chunk = rows.min(((MAX_FILLED_CELLS - head_filled) / columns).saturating_sub(2));
    if per_chunk == 0 {
        return None;
    }
    let chunk = |rows: Range<usize>, row_count, first| TableChunk {
        head: head.clone(),
        rows,
        row_count,
        first,
        last: false,
        columns,
        head_filled,
    };
    let mut chunks = Vec::new();
    let mut chunk_start = delim_end;
    let mut k = 0;
    let mut p = delim_end;
    while p < b.len() {
        let e = line_end(b, p);
        if !is_row(&b[p..e]) {
            break;
        }
        if k == per_chunk {
            chunks.push(chunk(chunk_start..p, k, chunks.is_empty()));
            chunk_start = p;
            k = 0;
        }
        k += 1;
        p = e;
    }
    if chunks.is_empty() {
        return None;
    }
    let mut tail = chunk(chunk_start..p, 0, false);
    tail.last = true;
    Some(LongTable { chunks, tail })
}
