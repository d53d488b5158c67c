//! Markdown → a flat list of text blocks (headings, paragraphs, list-item
//! paragraphs, quoted text, table rows) with their byte offsets. Inline
//! markup is dropped; raw HTML stays as text so that nothing a statute
//! contains is ever rendered as markup; HTML comments and tag-only lines
//! are dropped. Numbering is *not* taken from Markdown lists (a line like
//! `1998. Amended…` is a list to Markdown): an ordered item's marker is put
//! back in front of its text for the parser to read.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::pieces::{self, Piece, TableChunk};

/// Markdown nesting (lists, quotes) deeper than this is reported.
pub const MAX_MARKDOWN_DEPTH: usize = 64;

/// What kind of Markdown block a text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1–6).
    Heading(u8),
    /// A paragraph, a list item's paragraph, a table row or a code block.
    Para,
    /// Text inside a block quote: quoted words, never structure.
    Quoted,
}

/// One block of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Heading, paragraph or quoted text.
    pub kind: BlockKind,
    /// Plain text: inline markup removed, soft line breaks kept as `\n`.
    pub text: String,
    /// Byte offset of the block in the Markdown body.
    pub offset: usize,
    /// True when every word of the block is bold (a marginal note).
    pub all_bold: bool,
    /// True when every word of the block is in italics (an editor's note:
    /// an amendment history, a cross-reference).
    pub all_italic: bool,
    /// The bold words a paragraph starts with, when plain text follows
    /// (`**child** means …` → `child`).
    pub lead_bold: Option<String>,
}

/// What [`read_blocks`] found.
pub struct Blocks {
    /// The blocks in document order.
    pub blocks: Vec<Block>,
    /// Deepest nesting of lists and quotes seen, with its byte offset, when
    /// the Markdown nesting exceeds [`MAX_MARKDOWN_DEPTH`].
    pub too_deep: Option<(usize, usize)>,
}

struct Open {
    kind: BlockKind,
    text: String,
    offset: usize,
    // Counts of the text pieces with a character other than a space,
    // compared with zero only.
    bold_chars: usize,
    plain_chars: usize,
    italic_chars: usize,
    upright_chars: usize,
    lead_bold: String,
}

/// Bodies longer than this are read in pieces of about this size (see
/// [`super::pieces`]): the Markdown parser's tree then holds a piece, not
/// the whole document.
const SEGMENT_BYTES: usize = 256 * 1024;
/// Rows of a long table read at once.
const TABLE_ROWS: usize = 4096;

/// The Markdown the parser reads: tables and strikethrough beyond CommonMark.
pub(super) const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Read the blocks of a Markdown body.
pub fn read_blocks(body: &str) -> Blocks {
    read_blocks_in(body, SEGMENT_BYTES, TABLE_ROWS)
}

/// [`read_blocks`] with the piece sizes given: a body longer than
/// `segment` bytes is read in pieces, a table of more than `rows` rows
/// `rows` at a time. The blocks are those of the whole body read at once.
fn read_blocks_in(body: &str, segment: usize, rows: usize) -> Blocks {
    if body.len() > segment {
        if let Some(read) = read_in_pieces(body, segment, rows) {
            return read;
        }
    }
    read_whole(body)
}

/// Whether `body`, read in pieces of at least `segment` bytes and its
/// tables `rows` rows at a time, gives the blocks of the whole body read
/// at once; `None` when it is not cut at these sizes. For the tests that
/// check the cutting on texts outside the repository.
#[doc(hidden)]
pub fn pieces_agree(body: &str, segment: usize, rows: usize) -> Option<bool> {
    let pieces = read_in_pieces(body, segment, rows)?;
    let whole = read_whole(body);
    Some(pieces.too_deep == whole.too_deep && pieces.blocks == whole.blocks)
}

/// The whole body given to the Markdown parser at once.
fn read_whole(body: &str) -> Blocks {
    let mut reader = Reader::new(body);
    // Read to the end of the body: nothing to check.
    let _ = read_events(body, None, &mut reader);
    reader.end()
}

/// The body given to the Markdown parser piece by piece, each piece read
/// as it is inside the whole body (see [`super::pieces`]). `None` when the
/// body is not cut, or when a piece was not read as its cut assumed (the
/// caller then reads the whole body).
fn read_in_pieces(body: &str, segment: usize, rows: usize) -> Option<Blocks> {
    let pieces = pieces::pieces(body, segment, rows)?;
    let mut reader = Reader::new(body);
    // Cells the parser filled in the rows of the long table being read.
    let mut filled = 0usize;
    for piece in &pieces {
        let (range, table) = match piece {
            Piece::Text(range) => (range.clone(), None),
            Piece::Table(chunk) => (chunk.rows.clone(), Some(chunk)),
        };
        let head = table.map_or(0..0, |chunk| chunk.head.clone());
        if table.is_some_and(|chunk| chunk.first) {
            filled = 0;
        }
        let joined;
        let text = match table {
            None => &body[range.clone()],
            Some(_) if head.end == range.start => &body[head.start..range.end],
            Some(_) => {
                joined = [&body[head.clone()], &body[range.clone()]].concat();
                &joined
            }
        };
        let mut piece = PieceReading {
            head,
            start: range.start,
            len: text.len(),
            at_end: range.end == body.len(),
            table,
            filled,
            stage: if table.is_some() {
                Stage::Before
            } else {
                Stage::After
            },
            depth: 0,
            row_end: 0,
            table_rows: 0,
        };
        read_events(text, Some(&mut piece), &mut reader)?;
        filled = piece.filled;
    }
    Some(reader.end())
}

/// The parser's events for `text` read into `reader`, through `piece`
/// when `text` is a piece of the body. `None` when the piece was not read
/// as its cut assumed.
fn read_events(
    text: &str,
    mut piece: Option<&mut PieceReading>,
    reader: &mut Reader,
) -> Option<()> {
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        let range = match piece.as_deref_mut() {
            None => range,
            Some(piece) => match piece.step(&event, range)? {
                Some(range) => range,
                None => continue,
            },
        };
        reader.event(event, range);
    }
    match piece {
        Some(piece) => piece.end(),
        None => Some(()),
    }
}

/// Where a long table's chunk is in its reading.
#[derive(PartialEq, Clone, Copy)]
enum Stage {
    Before,
    Head,
    Rows,
    /// After the table, or a piece of text.
    After,
}

/// A piece given to the parser alone: where it is in the body (the text of
/// `head`, a table's head, then the text from `start`, up to a cut or, when
/// `at_end`, the end of the body) and the checks that it was read as it is
/// inside the whole body.
struct PieceReading<'c> {
    head: Range<usize>,
    start: usize,
    /// The length of the text given to the parser.
    len: usize,
    at_end: bool,
    /// The chunk of a long table the piece is.
    table: Option<&'c TableChunk>,
    /// Cells the parser filled in the table's rows (all its chunks).
    filled: usize,
    stage: Stage,
    depth: usize,
    row_end: usize,
    table_rows: usize,
}

impl PieceReading<'_> {
    fn to_body(&self, i: usize) -> usize {
        let head = self.head.len();
        if i < head {
            self.head.start + i
        } else {
            self.start + i - head
        }
    }

    /// One event: its range in the body, `Some(None)` when it is left out
    /// (a table's head after the first chunk, a table's end before the
    /// last), `None` when the piece was not read as its cut assumed: a
    /// top-level code block or HTML block runs to the cut (the whole
    /// body's reading may continue it past the cut), or the chunk was not
    /// read as the table's rows.
    #[inline(never)]
    fn step(&mut self, event: &Event<'_>, r: Range<usize>) -> Option<Option<Range<usize>>> {
        let mapped = Some(Some(self.to_body(r.start)..self.to_body(r.end)));
        let Some(chunk) = self.table.filter(|_| self.stage != Stage::After) else {
            if self.table.is_some_and(|chunk| !chunk.last) {
                // A chunk is the table's rows and nothing else.
                return None;
            }
            match event {
                Event::Start(_) => self.depth += 1,
                Event::End(tag) => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0
                        && !self.at_end
                        && r.end == self.len
                        && matches!(tag, TagEnd::CodeBlock | TagEnd::HtmlBlock)
                    {
                        return None;
                    }
                }
                _ => {}
            }
            return mapped;
        };
        let in_head = self.stage != Stage::Rows;
        match (event, self.stage) {
            (Event::Start(Tag::Table(_)), Stage::Before) if r.start == 0 => {
                self.stage = Stage::Head;
            }
            (_, Stage::Before) => return None,
            (Event::End(TagEnd::TableHead), Stage::Head) => self.stage = Stage::Rows,
            (Event::Start(Tag::TableRow), Stage::Rows) => {
                self.table_rows += 1;
                self.row_end = r.end;
            }
            // A cell the parser added to a short row.
            (Event::Start(Tag::TableCell), Stage::Rows) if r.start == self.row_end => {
                self.filled += 1;
            }
            (Event::End(TagEnd::Table), Stage::Rows) => {
                self.stage = Stage::After;
                // The parser counts the cells it fills over the whole table
                // (the head's too) and ends the table at MAX_FILLED_CELLS;
                // each chunk counts from zero. Neither reading reached the
                // limit: the chunk's (with room for one row more) nor the
                // whole table's.
                let limit = pieces::MAX_FILLED_CELLS;
                if chunk.head_filled + chunk.columns * (self.table_rows + 1) >= limit
                    || chunk.head_filled + self.filled >= limit
                {
                    return None;
                }
                if !chunk.last {
                    if r.end != self.len || self.table_rows != chunk.row_count {
                        return None;
                    }
                    return Some(None);
                }
            }
            _ => {}
        }
        // The head is read once, from the first chunk.
        if in_head && !chunk.first {
            return Some(None);
        }
        mapped
    }

    /// The piece read: `None` when a table's chunk did not end its table.
    fn end(&self) -> Option<()> {
        (self.stage == Stage::After).then_some(())
    }
}

/// The state of reading events into blocks.
struct Reader<'b> {
    body: &'b str,
    blocks: Vec<Block>,
    open: Option<Open>,
    quote_depth: usize,
    depth: usize,
    nest: usize,
    too_deep: Option<(usize, usize)>,
    bold: usize,
    italic: usize,
    // Ordered list item markers waiting for the item's first paragraph.
    pending_marker: Option<String>,
    ordered: Vec<bool>,
    in_table_cell: bool,
}

fn start_block(kind: BlockKind, offset: usize, marker: Option<String>) -> Open {
    Open {
        kind,
        text: marker.map(|m| format!("{m} ")).unwrap_or_default(),
        offset,
        bold_chars: 0,
        plain_chars: 0,
        italic_chars: 0,
        upright_chars: 0,
        lead_bold: String::new(),
    }
}

fn finish(open: &mut Option<Open>, blocks: &mut Vec<Block>) {
    if let Some(o) = open.take() {
        // Trimmed in place: no copy of every block's text.
        let mut text = o.text;
        text.truncate(text.trim_end().len());
        let lead = text.len() - text.trim_start().len();
        text.drain(..lead);
        if text.starts_with('*') {
            text = drop_unpaired_emphasis(&text);
        }
        let mut kind = o.kind;
        // `####### Article 1`: deeper than Markdown's six heading levels,
        // but written as a heading all the same.
        let hashes = text.chars().take_while(|&c| c == '#').count();
        if kind == BlockKind::Para && hashes >= 7 && text[hashes..].starts_with(' ') {
            text = text[hashes..].trim().to_string();
            kind = BlockKind::Heading(7);
        }
        if !text.is_empty() {
            blocks.push(Block {
                kind,
                all_bold: o.bold_chars > 0 && o.plain_chars == 0,
                all_italic: o.italic_chars > 0 && o.upright_chars == 0,
                lead_bold: Some(o.lead_bold.trim().to_string())
                    .filter(|b| o.plain_chars > 0 && !b.is_empty() && text.starts_with(b.as_str())),
                text,
                offset: o.offset,
            });
        }
    }
}

impl<'b> Reader<'b> {
    fn new(body: &'b str) -> Self {
        Reader {
            body,
            blocks: Vec::new(),
            open: None,
            quote_depth: 0,
            depth: 0,
            nest: 0,
            too_deep: None,
            bold: 0,
            italic: 0,
            pending_marker: None,
            ordered: Vec::new(),
            in_table_cell: false,
        }
    }

    fn end(mut self) -> Blocks {
        finish(&mut self.open, &mut self.blocks);
        Blocks {
            blocks: self.blocks,
            too_deep: self.too_deep,
        }
    }

    /// One event of the Markdown parser, its range in the body.
    #[inline(always)]
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let open = &mut self.open;
        let blocks = &mut self.blocks;
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::List(_) | Tag::BlockQuote(_) | Tag::Item => {
                        self.depth += 1;
                        if !matches!(tag, Tag::Item) {
                            self.nest += 1;
                        }
                        // Reported in lists and quotes (an item inside a
                        // list is not a level of its own to a reader).
                        if self.depth > MAX_MARKDOWN_DEPTH
                            && self.too_deep.is_none_or(|(d, _)| self.nest > d)
                        {
                            self.too_deep = Some((self.nest, range.start));
                        }
                    }
                    _ => {}
                }
                match tag {
                    Tag::Heading { level, .. } => {
                        finish(open, blocks);
                        let kind = if self.quote_depth > 0 {
                            BlockKind::Quoted
                        } else {
                            BlockKind::Heading(level as u8)
                        };
                        *open = Some(start_block(kind, range.start, None));
                    }
                    Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                        finish(open, blocks);
                        let kind = if self.quote_depth > 0 {
                            BlockKind::Quoted
                        } else {
                            BlockKind::Para
                        };
                        *open = Some(start_block(kind, range.start, self.pending_marker.take()));
                    }
                    Tag::BlockQuote(_) => {
                        finish(open, blocks);
                        self.quote_depth += 1;
                    }
                    Tag::List(first) => {
                        finish(open, blocks);
                        self.ordered.push(first.is_some());
                    }
                    Tag::Item => {
                        finish(open, blocks);
                        // A tight list item has no paragraph: its text
                        // arrives directly and opens a block with the marker.
                        self.pending_marker = if self.ordered.last().copied().unwrap_or(false) {
                            ordered_marker(&self.body[range.clone()])
                        } else {
                            None
                        };
                    }
                    Tag::TableCell => {
                        if let Some(o) = open.as_mut() {
                            if self.in_table_cell || !o.text.is_empty() {
                                o.text.push_str(" | ");
                            }
                        }
                        self.in_table_cell = true;
                    }
                    Tag::Strong => self.bold += 1,
                    Tag::Emphasis => self.italic += 1,
                    _ => {}
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead => {
                    finish(open, blocks);
                    self.in_table_cell = false;
                }
                TagEnd::Item => {
                    finish(open, blocks);
                    self.depth = self.depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    finish(open, blocks);
                    self.quote_depth = self.quote_depth.saturating_sub(1);
                    self.depth = self.depth.saturating_sub(1);
                    self.nest = self.nest.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    finish(open, blocks);
                    self.ordered.pop();
                    self.depth = self.depth.saturating_sub(1);
                    self.nest = self.nest.saturating_sub(1);
                }
                TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
                TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if open.is_none() {
                    let kind = if self.quote_depth > 0 {
                        BlockKind::Quoted
                    } else {
                        BlockKind::Para
                    };
                    *open = Some(start_block(kind, range.start, self.pending_marker.take()));
                }
                let Some(o) = open.as_mut() else { return };
                // The counts are only ever compared with zero: whether the
                // text has a character other than a space is enough.
                let n = usize::from(t.chars().any(|c| !c.is_whitespace()));
                if self.bold > 0 {
                    o.bold_chars += n;
                    if o.plain_chars == 0 {
                        o.lead_bold.push_str(&t);
                    }
                } else {
                    o.plain_chars += n;
                }
                if self.italic > 0 {
                    o.italic_chars += n;
                } else {
                    o.upright_chars += n;
                }
                o.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = open.as_mut() {
                    o.text.push('\n');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if is_markup_only(&h) {
                    return;
                }
                if open.is_none() {
                    *open = Some(start_block(
                        BlockKind::Para,
                        range.start,
                        self.pending_marker.take(),
                    ));
                }
                let Some(o) = open.as_mut() else { return };
                let n = usize::from(h.chars().any(|c| !c.is_whitespace()));
                o.plain_chars += n;
                o.upright_chars += n;
                o.text.push_str(&h);
            }
            Event::FootnoteReference(t) => {
                if let Some(o) = open.as_mut() {
                    o.text.push_str(&format!("[^{t}]"));
                }
            }
            Event::Rule | Event::TaskListMarker(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(o) = open.as_mut() {
                    o.text.push_str(&t);
                }
            }
        }
    }
}

/// The marker of an ordered list item as written (`24.`, `3)`), from the
/// item's source text.
/// `**Article 1.***Title*. Text` (emphasis Markdown could not pair, left
/// as asterisks) → `Article 1. Title. Text`: the asterisks go, and a space
/// stays between a full stop or dash and the word they separated.
fn drop_unpaired_emphasis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '*' {
            out.push(c);
            continue;
        }
        while chars.peek() == Some(&'*') {
            chars.next();
        }
        let after_stop = out.ends_with(['.', ':', '-', '–', '—']);
        if after_stop && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            out.push(' ');
        }
    }
    out
}

fn ordered_marker(item_source: &str) -> Option<String> {
    let trimmed = item_source.trim_start();
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let delim = trimmed[digits.len()..].chars().next()?;
    matches!(delim, '.' | ')').then(|| format!("{digits}{delim}"))
}

/// HTML comments and lines of structural tags only (`<details>`,
/// `</summary>`, `<br>`): dropped. Anything with text in it is kept, as text.
fn is_markup_only(html: &str) -> bool {
    let t = html.trim();
    if t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) {
        return true;
    }
    let mut rest = t;
    while let Some(start) = rest.find('<') {
        if !rest[..start].trim().is_empty() {
            return false;
        }
        let Some(end) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !matches!(
            name.to_ascii_lowercase().as_str(),
            "details"
                | "summary"
                | "br"
                | "div"
                | "span"
                | "p"
                | "sup"
                | "sub"
                | "hr"
                | "a"
                | "b"
                | "i"
                | "em"
                | "strong"
                | "u"
        ) {
            return false;
        }
        rest = &rest[start + end + 1..];
    }
    rest.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(BlockKind, String)> {
        read_blocks(md)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_list_items() {
        let md = "# Title\n\n### § 1. Short\n\n(a) One\ntwo\n\n- (1) item\n- (2) item two\n";
        assert_eq!(
            texts(md),
            vec![
                (BlockKind::Heading(1), "Title".into()),
                (BlockKind::Heading(3), "§ 1. Short".into()),
                (BlockKind::Para, "(a) One\ntwo".into()),
                (BlockKind::Para, "(1) item".into()),
                (BlockKind::Para, "(2) item two".into()),
            ]
        );
    }

    #[test]
    fn ordered_markers_are_kept() {
        let md = "24. (1) A person who\n\n25. Next section\n\n1998. Amended text\n";
        let t = texts(md);
        assert_eq!(t[0].1, "24. (1) A person who");
        assert_eq!(t[1].1, "25. Next section");
        assert_eq!(t[2].1, "1998. Amended text");
    }

    #[test]
    fn bold_paragraphs_are_marginal_notes_and_html_stays_text() {
        let b = read_blocks("**Making material**\n\n(2) Every person who <script>alert(1)</script>\n\n<!-- c -->\n\n<details>\n\n</details>\n").blocks;
        assert!(b[0].all_bold);
        assert!(!b[1].all_bold);
        assert!(b[1].text.contains("<script>alert(1)</script>"));
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn quotes_are_quoted_text() {
        let b = read_blocks("> (ix) section 1(1)(a) of the Act\n").blocks;
        assert_eq!(b[0].kind, BlockKind::Quoted);
    }

    /// The blocks of `md` read in pieces of at least `segment` bytes and
    /// tables `rows` rows at a time, against the whole body read at once.
    /// True when the pieces were read (not the whole body instead).
    fn same_in_pieces(md: &str, segment: usize, rows: usize) -> bool {
        let whole = read_whole(md);
        let read = read_in_pieces(md, segment, rows);
        let cut = read.is_some();
        let pieces = read.unwrap_or_else(|| read_blocks_in(md, segment, rows));
        assert_eq!(pieces.too_deep, whole.too_deep, "{segment}/{rows}: {md:?}");
        assert_eq!(
            pieces.blocks.len(),
            whole.blocks.len(),
            "{segment}/{rows}: {md:?}"
        );
        for (p, w) in pieces.blocks.iter().zip(&whole.blocks) {
            assert_eq!(p, w, "{segment}/{rows}: {md:?}");
        }
        cut
    }

    fn same_at_all_sizes(md: &str) -> usize {
        let mut cut = 0;
        for (segment, rows) in [(0, 1), (0, 2), (1, 3), (40, 1), (200, 5), (4000, 64)] {
            cut += usize::from(same_in_pieces(md, segment, rows));
        }
        cut
    }

    /// The project's sample statutes (the real ones: in the integration
    /// tests, through [`super::pieces_agree`]).
    #[test]
    fn corpus_reads_in_pieces_as_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        let mut cut = 0;
        for entry in walkdir::WalkDir::new(root.join("corpus")).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            files += 1;
            cut += same_at_all_sizes(&text);
            if let Ok(src) = crate::source::Source::from_text(&path.display().to_string(), text) {
                cut += same_at_all_sizes(src.body());
            }
        }
        assert!(files > 0);
        assert!(cut > files, "{cut} readings in pieces of {files} files");
    }

    /// Markdown fragments that end in a blank line or run on into the next.
    const FRAGMENTS: &[&str] = &[
        "# Title\n",
        "### Section 1. Schedule\n",
        "Paragraph one\nruns on\n",
        "**child** means a person under 18.\n",
        "Title\n=====\n",
        "Sub\n---\n",
        "1998 Amended text\n",
        "1998. Amended text\n",
        "24. (1) A person who\n",
        "- (a) item\n- (b) item\n",
        "- loose item\n\n- second\n\n  continued\n",
        "* star item\n\n  para in item\n\nafter\n",
        "1. one\n\n   two\n\n2. three\n",
        "+ plus\n  + nested\n\n    deeper\n",
        "> quote\nlazy line\n\n> again\n",
        "> - quoted item\n>\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
        "```\ncode\n\nnot a cut\n\n| a | b |\n```\n",
        "~~~~ info\n```\n\nstill code\n~~~\n\nmore\n~~~~\n",
        "```\nunclosed\n\nfence\n",
        "  ```\n  indented fence\n\nzero\n  ```\n",
        "- item\n\n  ```\n  in item\n\nout\n  ```\n",
        "    indented code\n\n    more code\n",
        "<pre>\nkept\n\n**pre**\n</pre>\n",
        "<!-- a comment\n\nover blank lines -->\n",
        "<!-- one line -->\n",
        "<script>\nx\n\ny</script>\n",
        "<style>\n\na{}\n</style>\n",
        "<textarea>\n\nt\n</textarea>\n",
        "<?php\n\necho 1;\n?>\n",
        "<!DOCTYPE html\n\n>\n",
        "<![CDATA[\n\nx\n]]>\n",
        "<div>\ntype six\n</div>\n",
        "<details>\n<summary>s</summary>\n",
        "text <b>inline</b> and <!-- c\nd --> end\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 \\| x | 4 |\n| 5 |\n| 6 | 7 | 8 |\n| `co|de` | <b>h</b> |\n",
        "| h |\n|:-:|\n| 1 |\n| 2 |\n| 3 |\n| 4 |\n| 5 |\n| 6 |\n| 7 |\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n| 7 | 8 |\nnot | piped\n| 9 | 10 |\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n|\n| 7 | 8 |\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n# heading after\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n- list after\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n> quote after\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n```\nfence after\n\n```\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n<!-- html\n\nafter -->\n",
        "| a | b |\n|---|---|\n| **1** | *2* |\n| 3 | 4 |\n| 5 | 6 |\n    | indented |\n",
        "a | b\n--|--\n1 | 2\n3 | 4\n5 | 6\n",
        "| a | b | c |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n",
        "- | a | b |\n  |---|---|\n  | 1 | 2 |\n  | 3 | 4 |\n",
        "***\n",
        "___\n",
        "Hard  \nbreak and \\\nbackslash\n",
        "~~struck~~ and `code`\n",
        "\t| tab | table |\n",
        "=== not a heading\n",
        "#######  Deep heading\n",
    ];

    /// A document of `n` fragments chosen by `seed`, each followed by a
    /// blank line or not.
    fn document(seed: u64, n: usize, crlf: bool) -> String {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize
        };
        let mut md = String::new();
        for _ in 0..n {
            md.push_str(FRAGMENTS[next() % FRAGMENTS.len()]);
            if next() % 4 != 0 {
                md.push('\n');
            }
        }
        if crlf {
            md = md.replace('\n', "\r\n");
        }
        md
    }

    #[test]
    fn generated_documents_read_in_pieces_as_whole() {
        let mut cut = 0;
        for seed in 0..400 {
            cut += same_at_all_sizes(&document(seed, 12, seed % 10 == 9));
        }
        // Every fragment alone and after every other one.
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                for sep in ["", "\n"] {
                    let md = format!("{a}{sep}{b}\n{a}");
                    cut += same_at_all_sizes(&md);
                }
            }
        }
        assert!(cut > 2000, "{cut}");
    }

    /// A table of `n` rows after a heading, then `after`.
    fn table(n: usize, after: &str) -> String {
        let mut md = String::from(
            "### Section 1. Schedule\n\n| item | person | age | duty |\n|---|---|---|---|\n",
        );
        for k in 0..n {
            match k % 7 {
                0 => md.push_str(&format!("| {k} | child \\| minor | 16 | **consent** |\n")),
                1 => md.push_str(&format!("| {k} |\n")),
                2 => md.push_str(&format!("|{k}|a|b|c|d|e|\n")),
                3 => md.push_str(&format!("| {k} | `x|y` | <b>z</b> | <!-- c |\n")),
                _ => md.push_str(&format!("| {k} | child | 16 | the provider shall |\n")),
            }
        }
        md.push_str(after);
        md
    }

    #[test]
    fn long_tables_read_in_chunks_as_whole() {
        let afters = [
            "",
            "\nAfter the table.\n",
            "not | piped\n| more | rows |\n\nAfter.\n",
            "- a list\n",
            "> a quote\n",
            "```\ncode\n\n```\n",
            "<!-- c\n\n-->\n\n| x | y |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n| 7 | 8 |\n",
            "|\nparagraph\n",
            "\n[a]: /url\n",
        ];
        for after in afters {
            for n in [1, 2, 3, 5, 8, 13, 40] {
                let md = table(n, after);
                for rows in [1, 2, 3, 4, 7] {
                    let cut = same_in_pieces(&md, 0, rows) | same_in_pieces(&md, 100_000, rows);
                    if n > rows && !after.contains("]:") {
                        assert!(cut, "{n} rows by {rows}: {md:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn stress_sized_table_is_read_in_chunks() {
        // Past the real piece sizes; more filled cells than the parser's
        // limit would allow in one reading... of one chunk.
        let md = table(20_000, "\nAfter.\n");
        assert!(md.len() > SEGMENT_BYTES);
        assert!(same_in_pieces(&md, SEGMENT_BYTES, TABLE_ROWS));
    }

    #[test]
    fn filled_cells_past_the_limit_are_read_whole() {
        // 2^18 filled cells end the table: a chunked reading would not see
        // it, and the whole body is read instead.
        let mut md = String::from("| a | b | c | d | e | f | g | h | i |\n|-|-|-|-|-|-|-|-|-|\n");
        for k in 0..33_000 {
            md.push_str(&format!("| {k} |\n"));
        }
        assert!(!same_in_pieces(&md, 1000, 4096));
    }

    #[test]
    fn link_definitions_keep_the_body_whole() {
        let md = "[a]\n\nText [a].\n\n".repeat(50) + "[a]: /url\n";
        assert!(pieces::pieces(&md, 0, 1).is_none());
        same_at_all_sizes(&md);
    }

    #[test]
    fn deep_nesting_is_reported() {
        let md = format!("{}deep\n", ">".repeat(200));
        let b = read_blocks(&md);
        assert!(b.too_deep.is_some());
    }
}
