//! The JSON contract (version 2): model law, then per jurisdiction its
//! name, documents, scores and one finding per item with evidence and
//! facts, and last the date the law is stated as of (`as_of`). Each
//! jurisdiction also carries `profiles` (added in version 2, so no new
//! version): per profile id, the indicators computed from its findings.
//! A finding a reviewer decided on (`analyze --review`) also carries
//! `automatic_status` and a `review` object (see [`crate::review`]); its
//! `status` is the status that counts (added fields, same version).

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::assess::JurisdictionReport;
use crate::checklist::ModelLaw;

/// Version of the JSON contract.
pub const CONTRACT_VERSION: u32 = 2;

/// The model law a report was made with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelLawRef {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    /// Contract version.
    pub version: u32,
    /// The tool that wrote it.
    pub generator: String,
    /// The model law.
    pub model_law: ModelLawRef,
    /// The jurisdictions (each with its profiles).
    #[serde(serialize_with = "with_profiles")]
    pub jurisdictions: &'a [JurisdictionReport],
    /// The date the law is stated as of: `--as-of` when given, else the
    /// latest year of the documents; absent when neither is known. Last,
    /// so that a report streamed jurisdiction by jurisdiction knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A jurisdiction as the report writes it: its fields, then `profiles`
/// (the active profiles computed over its findings).
struct WithProfiles<'a>(&'a JurisdictionReport);

impl Serialize for WithProfiles<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let profiles = crate::profiles::active();
        if profiles.is_empty() {
            return self.0.serialize(s);
        }
        // Its fields, then `profiles`: written as they come, not built up
        // as a JSON value first.
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            j: &'a JurisdictionReport,
            profiles: Profiles<'a>,
        }
        Out {
            j: self.0,
            profiles: Profiles(profiles, self.0),
        }
        .serialize(s)
    }
}

/// Every active profile over a jurisdiction, by profile id (in the
/// profiles' order; of profiles with one id, the last, in the place of
/// the first, as a JSON object would hold them).
struct Profiles<'a>(&'a [crate::profiles::Profile], &'a JurisdictionReport);

impl Serialize for Profiles<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let ps = self.0;
        let mut m = s.serialize_map(None)?;
        for (i, p) in ps.iter().enumerate() {
            if ps[..i].iter().any(|q| q.id == p.id) {
                continue;
            }
            let last = ps.iter().rev().find(|q| q.id == p.id).unwrap_or(p);
            m.serialize_entry(&p.id, &crate::profiles::eval::evaluate(last, self.1))?;
        }
        m.end()
    }
}

fn with_profiles<S: serde::Serializer>(
    js: &&[JurisdictionReport],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(js.iter().map(WithProfiles))
}

impl<'a> Report<'a> {
    /// A report over jurisdictions.
    pub fn new(law: &ModelLaw, jurisdictions: &'a [JurisdictionReport]) -> Report<'a> {
        Report {
            version: CONTRACT_VERSION,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            model_law: ModelLawRef {
                id: law.checklist.id.clone(),
                version: law.checklist.version.clone(),
            },
            jurisdictions,
            as_of: super::view::as_of(None, jurisdictions.iter().filter_map(|j| j.year).max()).0,
        }
    }

    /// The same report stated as of `date` (`--as-of`), when given.
    pub fn given_as_of(mut self, date: Option<&str>) -> Report<'a> {
        if let Some(d) = date {
            self.as_of = Some(d.to_string());
        }
        self
    }

    /// Write the pretty JSON with a final newline to `w`, without holding
    /// the whole text in memory.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }

    /// Begin writing a report whose jurisdictions come one by one: the
    /// bytes written in the end are those of [`Report::write_json`].
    pub fn stream<W: std::io::Write>(self, w: W) -> std::io::Result<JsonStream<W>> {
        let given = self.as_of.clone().filter(|_| self.jurisdictions.is_empty());
        let head = serde_json::to_string_pretty(&Report {
            jurisdictions: &[],
            as_of: None,
            ..self
        })?;
        let head = head
            .strip_suffix("[]\n}")
            .ok_or_else(|| std::io::Error::other("unexpected JSON layout"))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        w.write_all(head.as_bytes())?;
        w.write_all(b"[")?;
        Ok(JsonStream {
            w,
            count: 0,
            given,
            latest_year: None,
        })
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

/// A report being written jurisdiction by jurisdiction (see
/// [`Report::stream`]).
pub struct JsonStream<W: Write> {
    w: std::io::BufWriter<W>,
    count: usize,
    /// `--as-of`, when given.
    given: Option<String>,
    /// The latest year of the documents so far.
    latest_year: Option<i64>,
}

impl<W: Write> JsonStream<W> {
    /// Write the next jurisdiction.
    pub fn push(&mut self, j: &JurisdictionReport) -> std::io::Result<()> {
        self.w
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        self.latest_year = self.latest_year.max(j.year);
        // Two levels in: inside the report's object and its array.
        self.w.write_all(b"    ")?;
        let mut ser = serde_json::Serializer::with_formatter(&mut self.w, Pretty::at(2));
        WithProfiles(j).serialize(&mut ser)?;
        self.count += 1;
        Ok(())
    }

    /// Close the report; gives back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.count > 0 {
            self.w.write_all(b"\n  ")?;
        }
        self.w.write_all(b"]")?;
        let (as_of, _) = super::view::as_of(self.given.as_deref(), self.latest_year);
        if let Some(d) = as_of {
            write!(self.w, ",\n  \"as_of\": {}", serde_json::to_string(&d)?)?;
        }
        self.w.write_all(b"\n}\n")?;
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// serde_json's pretty layout (two spaces a level), starting `level`
/// levels in: what indenting every line of the pretty text would give.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn at(level: usize) -> Pretty {
        Pretty {
            level,
            has_value: false,
        }
    }

    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        // A newline and up to 31 levels in one write.
        const LINE: &[u8; 63] = b"\n                                                              ";
        let n = 2 * self.level + 1;
        if n <= LINE.len() {
            return w.write_all(&LINE[..n]);
        }
        w.write_all(LINE)?;
        for _ in LINE.len()..n {
            w.write_all(b" ")?;
        }
        Ok(())
    }

    /// An array or object opens: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// It closes, on a line of its own unless it was empty.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    /// An element or key starts: after a comma unless first, on a new line.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"" } else { b"," })?;
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_stream_is_the_empty_report() {
        let report = Report {
            version: CONTRACT_VERSION,
            generator: "lexalign test".into(),
            model_law: ModelLawRef {
                id: "m".into(),
                version: "1".into(),
            },
            jurisdictions: &[],
            as_of: None,
        };
        let whole = report.to_json();
        let mut bytes = Vec::new();
        report.clone().stream(&mut bytes).unwrap().finish().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), whole);
        // A date given ends the report, streamed or whole.
        let dated = report.given_as_of(Some("2026-01-31"));
        let whole = dated.to_json();
        assert!(
            whole.ends_with("],\n  \"as_of\": \"2026-01-31\"\n}\n"),
            "{whole}"
        );
        let mut bytes = Vec::new();
        dated.stream(&mut bytes).unwrap().finish().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), whole);
    }
}
