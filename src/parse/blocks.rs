//! Markdown → a flat list of text blocks (headings, paragraphs, list-item
//! paragraphs, quoted text, table rows) with their byte offsets. Inline
//! markup is dropped; raw HTML stays as text so that nothing a statute
//! contains is ever rendered as markup; HTML comments and tag-only lines
//! are dropped. Numbering is *not* taken from Markdown lists (a line like
//! `1998. Amended…` is a list to Markdown): an ordered item's marker is put
//! back in front of its text for the parser to read.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

/// Read the blocks of a Markdown body.
pub fn read_blocks(body: &str) -> Blocks {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(body, opts).into_offset_iter();
    let mut blocks = Vec::new();
    let mut open: Option<Open> = None;
    let mut quote_depth = 0usize;
    let mut depth = 0usize;
    let mut nest = 0usize;
    let mut too_deep: Option<(usize, usize)> = None;
    let mut bold = 0usize;
    let mut italic = 0usize;
    // Ordered list item markers waiting for the item's first paragraph.
    let mut pending_marker: Option<String> = None;
    let mut ordered: Vec<bool> = Vec::new();
    let mut in_table_cell = false;

    let start_block = |kind: BlockKind, offset: usize, marker: Option<String>| Open {
        kind,
        text: marker.map(|m| format!("{m} ")).unwrap_or_default(),
        offset,
        bold_chars: 0,
        plain_chars: 0,
        italic_chars: 0,
        upright_chars: 0,
        lead_bold: String::new(),
    };
    let finish = |open: &mut Option<Open>, blocks: &mut Vec<Block>| {
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
                    lead_bold: Some(o.lead_bold.trim().to_string()).filter(|b| {
                        o.plain_chars > 0 && !b.is_empty() && text.starts_with(b.as_str())
                    }),
                    text,
                    offset: o.offset,
                });
            }
        }
    };

    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::List(_) | Tag::BlockQuote(_) | Tag::Item => {
                        depth += 1;
                        if !matches!(tag, Tag::Item) {
                            nest += 1;
                        }
                        // Reported in lists and quotes (an item inside a
                        // list is not a level of its own to a reader).
                        if depth > MAX_MARKDOWN_DEPTH && too_deep.is_none_or(|(d, _)| nest > d) {
                            too_deep = Some((nest, range.start));
                        }
                    }
                    _ => {}
                }
                match tag {
                    Tag::Heading { level, .. } => {
                        finish(&mut open, &mut blocks);
                        let kind = if quote_depth > 0 {
                            BlockKind::Quoted
                        } else {
                            BlockKind::Heading(level as u8)
                        };
                        open = Some(start_block(kind, range.start, None));
                    }
                    Tag::Paragraph | Tag::CodeBlock(_) | Tag::TableRow | Tag::TableHead => {
                        finish(&mut open, &mut blocks);
                        let kind = if quote_depth > 0 {
                            BlockKind::Quoted
                        } else {
                            BlockKind::Para
                        };
                        open = Some(start_block(kind, range.start, pending_marker.take()));
                    }
                    Tag::BlockQuote(_) => {
                        finish(&mut open, &mut blocks);
                        quote_depth += 1;
                    }
                    Tag::List(first) => {
                        finish(&mut open, &mut blocks);
                        ordered.push(first.is_some());
                    }
                    Tag::Item => {
                        finish(&mut open, &mut blocks);
                        // A tight list item has no paragraph: its text
                        // arrives directly and opens a block with the marker.
                        pending_marker = if ordered.last().copied().unwrap_or(false) {
                            ordered_marker(&body[range.clone()])
                        } else {
                            None
                        };
                    }
                    Tag::TableCell => {
                        if let Some(o) = open.as_mut() {
                            if in_table_cell || !o.text.is_empty() {
                                o.text.push_str(" | ");
                            }
                        }
                        in_table_cell = true;
                    }
                    Tag::Strong => bold += 1,
                    Tag::Emphasis => italic += 1,
                    _ => {}
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead => {
                    finish(&mut open, &mut blocks);
                    in_table_cell = false;
                }
                TagEnd::Item => {
                    finish(&mut open, &mut blocks);
                    depth = depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    finish(&mut open, &mut blocks);
                    quote_depth = quote_depth.saturating_sub(1);
                    depth = depth.saturating_sub(1);
                    nest = nest.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    finish(&mut open, &mut blocks);
                    ordered.pop();
                    depth = depth.saturating_sub(1);
                    nest = nest.saturating_sub(1);
                }
                TagEnd::Strong => bold = bold.saturating_sub(1),
                TagEnd::Emphasis => italic = italic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if open.is_none() {
                    let kind = if quote_depth > 0 {
                        BlockKind::Quoted
                    } else {
                        BlockKind::Para
                    };
                    open = Some(start_block(kind, range.start, pending_marker.take()));
                }
                let Some(o) = open.as_mut() else { continue };
                // The counts are only ever compared with zero: whether the
                // text has a character other than a space is enough.
                let n = usize::from(t.chars().any(|c| !c.is_whitespace()));
                if bold > 0 {
                    o.bold_chars += n;
                    if o.plain_chars == 0 {
                        o.lead_bold.push_str(&t);
                    }
                } else {
                    o.plain_chars += n;
                }
                if italic > 0 {
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
                    continue;
                }
                if open.is_none() {
                    open = Some(start_block(
                        BlockKind::Para,
                        range.start,
                        pending_marker.take(),
                    ));
                }
                let Some(o) = open.as_mut() else { continue };
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
    finish(&mut open, &mut blocks);
    Blocks { blocks, too_deep }
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

    #[test]
    fn deep_nesting_is_reported() {
        let md = format!("{}deep\n", ">".repeat(200));
        let b = read_blocks(&md);
        assert!(b.too_deep.is_some());
    }
}
