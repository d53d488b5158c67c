//! Opening groups and units (sections, articles) and numbering the 款 of
//! a Chinese article.

use super::Kind;
use super::builder::Builder;
use super::designator::{self, UnitDesignator};
use super::number::{self, Family};
use super::title::{
    MAX_TITLE_WORDS, at_most_words, clean_title, marginal_title, strip_repeated_title, title_case,
};

impl Builder<'_> {
    pub(super) fn is_chinese_unit(&self, u: usize) -> bool {
        self.provs[u].label.starts_with('第')
    }

    /// A `Section 1.` paragraph opens a unit unless it only repeats the one
    /// open (then it continues it).
    pub(super) fn paragraph_unit_ok(&self, u: &UnitDesignator) -> bool {
        if u.chinese {
            return true;
        }
        // `Section 5 of the Act is amended` is a sentence: a paragraph unit
        // needs a separator, a title dash, or an enumerator after it.
        u.separator == "." || u.ordinal || u.rest.starts_with('(') || u.rest.is_empty()
    }

    /// `24. (1) …` opens section 24 unless we are inside a unit introduced by
    /// a heading (where `1.` numbers paragraphs) or a numbered list.
    pub(super) fn bare_paragraph_unit_ok(&self, u: &UnitDesignator) -> bool {
        if self.unit_from_heading || self.article_style || self.chinese {
            return false;
        }
        let Some(key) = number::arabic_key(&u.number) else {
            return false;
        };
        let looks_like_section =
            u.rest.starts_with('(') || marginal_title(&u.rest).is_some() || u.rest.is_empty();
        if u.separator != "." && !u.rest.starts_with('(') {
            return false;
        }
        match self.unit {
            None => true,
            Some(cur) => {
                let cur_key = &self.provs[cur].key;
                if key.as_slice() <= cur_key.as_slice() {
                    return false;
                }
                // A numbered list inside the section that continues its own
                // numbering stays a list, unless the line looks like a section.
                let continues_list = self
                    .levels
                    .iter()
                    .any(|l| l.family == Family::DotArabic && number::is_successor(&l.key, &key));
                !continues_list || looks_like_section
            }
        }
    }

    pub(super) fn open_group(&mut self, g: designator::GroupDesignator, line: usize) {
        self.pending_title = None;
        // A group heading repeated for the group already open (sources cut
        // into chunks repeat them) changes nothing.
        if g.number.is_some()
            && self
                .groups
                .iter()
                .any(|&id| self.provs[id].kind == g.kind && self.provs[id].number == g.number)
        {
            return;
        }
        self.close_unit();
        if let Some(pos) = self
            .groups
            .iter()
            .position(|&id| self.provs[id].kind == g.kind)
        {
            self.groups.truncate(pos);
        }
        let parent = self.groups.last().copied();
        let mut p = self.new_prov(g.kind, line);
        let label = match &g.number {
            Some(n) if g.keyword.chars().any(crate::text::is_han) => {
                format!("第{n}{}", g.keyword)
            }
            Some(n) => format!("{} {n}", title_case(&g.keyword)),
            None => title_case(&g.keyword),
        };
        p.citation = label.clone();
        p.label = label;
        p.number = g.number.clone();
        let rest = g
            .rest
            .trim_start_matches(['—', '–', '-', ':', '.', ' '])
            .trim();
        if !rest.is_empty() {
            p.heading = Some(rest.to_string());
        }
        let id = self.add(parent, p);
        self.groups.push(id);
    }

    pub(super) fn open_unit(&mut self, u: UnitDesignator, line: usize, from_heading: bool) {
        let number = u.number.clone();
        // A heading that holds the article's text: a short first sentence
        // is its title (`Article 1. Object. This Act …`).
        let text_in_heading = || {
            let (t, body) = u.rest.split_once(". ")?;
            (at_most_words(t, MAX_TITLE_WORDS)
                && !t.contains(['(', ';', ','])
                && !at_most_words(body, 5))
            .then(|| (body.to_string(), Some(t.to_string())))
        };
        let (mut rest, title) = if from_heading {
            match text_in_heading() {
                Some(split) => split,
                None => (
                    String::new(),
                    Some(u.rest.clone()).filter(|r| !r.is_empty()),
                ),
            }
        } else {
            match marginal_title(&u.rest) {
                Some((title, body)) => (body.to_string(), Some(title.to_string())),
                None => (u.rest.clone(), None),
            }
        };
        // A repeated heading or an echo of the unit's own number continues it.
        if let Some(cur) = self.unit {
            if self.provs[cur].number.as_deref() == Some(number.as_str()) {
                if !from_heading {
                    let body = strip_repeated_title(&rest, self.provs[cur].heading.as_deref());
                    rest = body.to_string();
                    self.levels.clear();
                    if !rest.is_empty() && !self.enumerated(&rest, line) {
                        self.split_inline(Some(cur), &rest, line);
                    }
                }
                return;
            }
        }
        let pending = self.pending_title.take();
        self.close_unit();
        let parent = self.groups.last().copied();
        let mut p = self.new_prov(u.kind, line);
        p.key = if u.chinese {
            number::chinese_value(&number)
                .map(|v| vec![v])
                .unwrap_or_default()
        } else {
            number::arabic_key(&number).unwrap_or_default()
        };
        let (label, citation) = if u.chinese {
            // `第一条之一`: the inserted number follows `条`.
            let cite = match number.split_once('之') {
                Some((base, sub)) => format!("第{base}条之{sub}"),
                None => format!("第{number}条"),
            };
            (cite.clone(), cite)
        } else if u.kind == Kind::Article {
            (format!("Article {number}"), number.clone())
        } else if u.has_keyword {
            (format!("§ {number}"), number.clone())
        } else {
            (format!("s. {number}"), number.clone())
        };
        p.label = label;
        p.citation = citation;
        p.number = Some(number);
        p.heading = title
            .map(|t| clean_title(&t))
            .filter(|t| !t.is_empty())
            .or(pending);
        let id = self.add(parent, p);
        self.unit = Some(id);
        self.unit_from_heading = from_heading;
        if !rest.is_empty() && !self.enumerated(&rest, line) {
            self.split_inline(Some(id), &rest, line);
        }
    }

    /// Open the next unnumbered paragraph of `unit`; the first one takes
    /// the text the unit holds so far (and, in a Chinese article, the items
    /// already read under it).
    pub(super) fn new_paragraph(&mut self, unit: usize, line: usize) {
        let existing = self.provs[unit]
            .children
            .iter()
            .any(|&c| self.is_split_paragraph(c));
        if !existing {
            let text = std::mem::take(&mut self.provs[unit].text);
            let children = std::mem::take(&mut self.provs[unit].children);
            let first_line = self.unit_text_line.unwrap_or(self.provs[unit].line);
            let mut k = self.new_prov(Kind::Paragraph, first_line);
            k.text = text;
            k.last_line = self.provs[unit].last_line.max(first_line);
            k.number = Some(self.paragraph_number(unit, 1));
            k.key = vec![1];
            let id = self.add(Some(unit), k);
            for &c in &children {
                self.provs[c].parent = Some(id);
            }
            self.provs[id].children = children;
            self.renumber_citations(id);
        }
        let n = self.provs[unit].children.len() as u32 + 1;
        let mut k = self.new_prov(Kind::Paragraph, line);
        k.number = Some(self.paragraph_number(unit, n));
        k.key = vec![n];
        let id = self.add(Some(unit), k);
        self.renumber_citations(id);
        self.para = Some(id);
    }

    /// An unnumbered paragraph's number: Chinese in a Chinese article.
    fn paragraph_number(&self, unit: usize, n: u32) -> String {
        if self.is_chinese_unit(unit) {
            number::chinese_numeral(n)
        } else {
            n.to_string()
        }
    }

    /// True for a paragraph made by [`Self::new_paragraph`].
    pub(super) fn is_split_paragraph(&self, id: usize) -> bool {
        let p = &self.provs[id];
        p.kind == Kind::Paragraph && p.family.is_none()
    }

    /// An item or a definition arrives directly in a non-Chinese unit split
    /// into paragraphs: the paragraphs become the unit's text again, so
    /// that the items are cited from the unit as in an article that was
    /// never split (`227-26(1°)`, not `227-26 (al. 2)(1°)`).
    pub(super) fn merge_paragraphs(&mut self) {
        let (Some(unit), Some(_)) = (self.unit, self.para) else {
            return;
        };
        if self.is_chinese_unit(unit) {
            return;
        }
        self.para = None;
        let children = std::mem::take(&mut self.provs[unit].children);
        let mut text = String::new();
        let mut kept = Vec::new();
        for c in children {
            if self.is_split_paragraph(c) {
                let t = std::mem::take(&mut self.provs[c].text);
                if !t.is_empty() {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(&t);
                }
                let last = self.provs[c].last_line;
                // Whatever the paragraph held stays with the unit (the
                // paragraph itself is left out of the tree).
                for g in std::mem::take(&mut self.provs[c].children) {
                    self.provs[g].parent = Some(unit);
                    kept.push(g);
                }
                let p = &mut self.provs[unit];
                p.last_line = p.last_line.max(last);
            } else {
                kept.push(c);
            }
        }
        let p = &mut self.provs[unit];
        if !p.text.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&p.text);
        }
        p.text = text;
        p.children = kept.clone();
        for c in kept {
            self.renumber_citations(c);
        }
    }

    /// Set the label and citation of a 款 and everything below it.
    pub(super) fn renumber_citations(&mut self, id: usize) {
        let Some(parent) = self.provs[id].parent else {
            return;
        };
        let pc = self.provs[parent].citation.clone();
        let below_item = self.is_chinese_item(parent);
        let chinese = self.is_chinese_unit(parent);
        let label = self.paragraph_label;
        let p = &mut self.provs[id];
        if p.kind == Kind::Paragraph && p.family.is_none() {
            let n = p.number.clone().unwrap_or_default();
            if chinese {
                p.label = format!("第{n}款");
                p.citation = format!("{pc}第{n}款");
            } else {
                p.label = format!("{label} {n}");
                p.citation = format!("{pc} ({label} {n})");
            }
        } else if let (Some(f), Some(n)) = (p.family, p.number.clone()) {
            p.citation = format!("{pc}{}", f.cite_below(&n, below_item));
        }
        let children = self.provs[id].children.clone();
        for c in children {
            self.renumber_citations(c);
        }
    }
}
