//! The HTML pages, rendered with tera from the view structs. The default
//! templates (`templates/` in the repository) are embedded in the binary;
//! `--templates DIR` replaces any of them by the file of the same relative
//! name in DIR. Template names end in `.html`, so tera escapes every value
//! they print: statute text shows as text.

use std::io::Write;
use std::path::Path;

use tera::{Context, Tera};

use super::ReportError;
use super::page::JurisdictionView;
use super::view::{self, IndexEntry, PageView, SiteView};
use crate::checklist::ModelLaw;

/// Where the overview's rows go in `index.html` (`site.slots`): markers no
/// rendered text holds (a statute with a NUL byte is not read).
pub const SLOT_SCORES: &str = "\u{0}rows:scores\u{0}";
/// See [`SLOT_SCORES`].
pub const SLOT_MATRIX: &str = "\u{0}rows:matrix\u{0}";

/// Overview rows rendered at once.
const ROWS_AT_ONCE: usize = 256;

/// The embedded templates: (name, text).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "jurisdiction.html",
        include_str!("../../templates/jurisdiction.html"),
    ),
    (
        "partials/finding.html",
        include_str!("../../templates/partials/finding.html"),
    ),
    (
        "partials/status.html",
        include_str!("../../templates/partials/status.html"),
    ),
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    ("summary.html", include_str!("../../templates/summary.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("trend.html", include_str!("../../templates/trend.html")),
    (
        "partials/score_rows.html",
        include_str!("../../templates/partials/score_rows.html"),
    ),
    (
        "partials/matrix_rows.html",
        include_str!("../../templates/partials/matrix_rows.html"),
    ),
    (
        "partials/seg.html",
        include_str!("../../templates/partials/seg.html"),
    ),
    (
        "partials/sort.js",
        include_str!("../../templates/partials/sort.js"),
    ),
    (
        "partials/chart.html",
        include_str!("../../templates/partials/chart.html"),
    ),
    (
        "partials/profiles_index.html",
        include_str!("../../templates/partials/profiles_index.html"),
    ),
    (
        "partials/profiles_rows.html",
        include_str!("../../templates/partials/profiles_rows.html"),
    ),
    (
        "partials/profiles_page.html",
        include_str!("../../templates/partials/profiles_page.html"),
    ),
    (
        "partials/profiles_views.js",
        include_str!("../../templates/partials/profiles_views.js"),
    ),
];

/// Renders the pages.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// The embedded templates, each replaced by the file of the same name
    /// under `dir` when there is one (files under `dir` with new names are
    /// added, so an overriding template can include them).
    pub fn new(dir: Option<&Path>) -> Result<Renderer, ReportError> {
        let mut templates: std::collections::BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = dir {
            templates.extend(read_dir(dir)?);
        }
        let mut tera = Tera::default();
        tera.register_filter("fixed", fixed);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|source| ReportError::Template {
                what: match dir {
                    Some(d) => format!("the templates (with {})", d.display()),
                    None => "the embedded templates".to_string(),
                },
                source,
            })?;
        Ok(Renderer { tera })
    }

    /// Render the template `name` with the page's shared part as `page`
    /// and `data` as `key`: the pages of other commands (a comparison, a
    /// trend) hand their own view here.
    pub fn render(
        &self,
        name: &str,
        page: &PageView,
        key: &'static str,
        data: &impl serde::Serialize,
    ) -> Result<String, ReportError> {
        let mut ctx = Context::new();
        ctx.insert("page", page);
        ctx.insert(key, data);
        self.render_ctx(name, &ctx, || format!("{name} for “{}”", page.title))
    }

    /// Render `name` with a context; `what` names it in an error.
    fn render_ctx(
        &self,
        name: &str,
        ctx: &Context,
        what: impl FnOnce() -> String,
    ) -> Result<String, ReportError> {
        self.tera
            .render(name, ctx)
            .map_err(|source| ReportError::Template {
                what: what(),
                source,
            })
    }

    /// The overview page.
    ///
    /// Its rows are rendered a few at a time between the parts of the page
    /// around them (`site.slots`), and written as they are made: an
    /// overview of thousands of jurisdictions is never held whole.
    pub fn index(
        &self,
        page: &PageView,
        site: &SiteView,
        entries: &[IndexEntry],
        law: &ModelLaw,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let frame = self.render("index.html", page, "site", site)?;
        let io = |source| ReportError::Io {
            path: "index.html".into(),
            source,
        };
        let mut rest = frame.as_str();
        // The scores in rank order, the matrix in the report's order.
        let ranked: Vec<(usize, Option<usize>)> = view::ranking(entries);
        let in_order: Vec<(usize, Option<usize>)> = (0..entries.len()).map(|i| (i, None)).collect();
        for (slot, template, order) in [
            (SLOT_SCORES, "partials/score_rows.html", &ranked),
            (SLOT_MATRIX, "partials/matrix_rows.html", &in_order),
        ] {
            // A template of the user's without the slot shows no rows there.
            let Some((before, after)) = rest.split_once(slot) else {
                continue;
            };
            out.write_all(before.as_bytes()).map_err(io)?;
            for chunk in order.chunks(ROWS_AT_ONCE) {
                let rows = view::rows(law, chunk.iter().map(|&(i, rank)| (&entries[i], rank)));
                let mut ctx = Context::new();
                ctx.insert("rows", &rows);
                out.write_all(
                    self.render_ctx(template, &ctx, || template.to_string())?
                        .as_bytes(),
                )
                .map_err(io)?;
            }
            rest = after;
        }
        // Each profile's table, in the report's order like the matrix.
        for (k, p) in site.profiles.iter().enumerate() {
            let Some((before, after)) = rest.split_once(p.slot.as_str()) else {
                continue;
            };
            out.write_all(before.as_bytes()).map_err(io)?;
            for chunk in in_order.chunks(ROWS_AT_ONCE) {
                let base = view::rows(law, chunk.iter().map(|&(i, rank)| (&entries[i], rank)));
                let rows = super::profiles::rows(k, chunk.iter().map(|&(i, _)| &entries[i]), base);
                let mut ctx = Context::new();
                ctx.insert("rows", &rows);
                ctx.insert("p", p);
                let template = "partials/profiles_rows.html";
                out.write_all(
                    self.render_ctx(template, &ctx, || template.to_string())?
                        .as_bytes(),
                )
                .map_err(io)?;
            }
            rest = after;
        }
        out.write_all(rest.as_bytes()).map_err(io)
    }

    /// A jurisdiction's page, with its profiles (`profiles`).
    pub fn jurisdiction(
        &self,
        page: &PageView,
        j: &JurisdictionView,
        profiles: &[super::profiles::ProfileSection],
    ) -> Result<String, ReportError> {
        self.render_with_profiles("jurisdiction.html", page, "j", j, profiles)
    }

    /// [`Renderer::render`], with a jurisdiction's profiles as `profiles`.
    pub fn render_with_profiles(
        &self,
        name: &str,
        page: &PageView,
        key: &'static str,
        data: &impl serde::Serialize,
        profiles: &[super::profiles::ProfileSection],
    ) -> Result<String, ReportError> {
        let mut ctx = Context::new();
        ctx.insert("page", page);
        ctx.insert(key, data);
        ctx.insert("profiles", profiles);
        self.render_ctx(name, &ctx, || format!("{name} for “{}”", page.title))
    }
}

/// The `fixed` filter: a number with a fixed count of decimals
/// (`precision`, 3 by default), so that scores line up as `0.530`, not
/// `0.53` as tera's `round` prints them.
fn fixed(val: f64, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let precision = kwargs.get::<usize>("precision")?.unwrap_or(3);
    Ok(format!("{val:.precision$}"))
}

/// Every file under `dir`, named by its path relative to `dir` with `/`.
fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, ReportError> {
    let io = |path: &Path, source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !dir.is_dir() {
        return Err(io(
            dir,
            std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder of templates"),
        ));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| io(dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let text = std::fs::read_to_string(entry.path()).map_err(|e| io(entry.path(), e))?;
        out.push((name.join("/"), text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_template_loads() {
        let r = Renderer::new(None).unwrap();
        for (name, _) in DEFAULT_TEMPLATES {
            assert!(r.tera.contains_template(name), "{name}");
        }
    }

    #[test]
    fn fixed_prints_a_set_number_of_decimals() {
        let mut tera = Renderer::new(None).unwrap().tera;
        tera.add_raw_template("t.txt", "{{ 0.53 | fixed }} {{ 1 | fixed(precision=1) }}")
            .unwrap();
        assert_eq!(tera.render("t.txt", &Context::new()).unwrap(), "0.530 1.0");
    }

    #[test]
    fn a_template_folder_overrides_by_name_and_reports_bad_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "{% extends \"base.html\" %}{% block main %}mine{% endblock main %}",
        )
        .unwrap();
        let r = Renderer::new(Some(dir.path())).unwrap();
        assert!(r.tera.contains_template("jurisdiction.html"));
        std::fs::write(dir.path().join("index.html"), "{% if %}").unwrap();
        let err = Renderer::new(Some(dir.path())).err().unwrap();
        assert!(err.to_string().contains("templates"), "{err}");
    }
}
