//! `clause`: concepts found together in one section, within a window, in
//! tiers (met patterns first, then partial). Duties, mechanisms, bodies,
//! cooperation, diversion and the like are judged this way.

use super::Cx;
use crate::assess::Outcome;
use crate::assess::windows::{self, Window};
use crate::checklist::{ClauseParams, Context, Pattern, Status};

/// Positions around a window in which a `none` concept still spoils it.
const NONE_MARGIN: u32 = 8;

/// Positions around a window searched for words that spoil its sentence.
const SENTENCE_REACH: u32 = 400;

/// How many windows a finding cites at most.
const MAX_WINDOWS: usize = 12;

/// Windows where a pattern holds, with its context, exclusions and
/// instrument conditions applied.
pub(super) fn matches(cx: &Cx, p: &Pattern) -> Vec<Window> {
    let doc = cx.doc;
    if let Some(about) = &p.title_about {
        let c = cx.c(about);
        if !doc.title_concepts.get(c).copied().unwrap_or(false) {
            return Vec::new();
        }
    }
    if let Some(about) = &p.instrument_about {
        let c = cx.c(about);
        if !doc.heading_concepts.get(c).copied().unwrap_or(false) {
            return Vec::new();
        }
    }
    let mut groups: Vec<Vec<usize>> = p.all.iter().map(|c| vec![cx.c(c)]).collect();
    groups.extend(p.any.iter().map(|g| g.iter().map(|c| cx.c(c)).collect()));
    let context = p.context;
    let engine = cx.engine;
    let accept = |h: &crate::extract::Hit, walk: &mut crate::extract::Walk| {
        // A medium passed on by a definition counts for offence-medium
        // checks only.
        if h.via.is_some() && engine.spread_of(h.concept()) == crate::checklist::Spread::Medium {
            return false;
        }
        if context == Context::Any {
            return true;
        }
        let pr = &doc.provs[walk.prov(h.first())];
        match context {
            Context::Any => true,
            Context::NotDefinition => !pr.definition,
            // `in_defence` and `in_aggravation`, the provision looked up
            // once.
            Context::Offence => {
                pr.offence && {
                    let sent = walk.sent(h.first());
                    !pr.defence_at(sent) && !pr.aggravation_at(sent)
                }
            }
        }
    };
    let none: Vec<usize> = p.none.iter().map(|c| cx.c(c)).collect();
    let none_in_sentence: Vec<usize> = p.none_in_sentence.iter().map(|c| cx.c(c)).collect();
    let scope = match p.scope {
        crate::checklist::PatternScope::Sentence => windows::Scope::Sentence,
        crate::checklist::PatternScope::Section => windows::Scope::Section,
    };
    windows::find(doc, &groups, p.window, scope, accept)
        .into_iter()
        .filter(|w| {
            let from = doc.pos(w.first).saturating_sub(NONE_MARGIN);
            let to = doc.pos(w.last) + NONE_MARGIN;
            let unit = doc.provs[doc.prov_of(w.first)].unit;
            // The provisions above the window whose sentence runs into it
            // ("The regulations may make provision about— (e) … must …").
            let anchor = w
                .hits
                .iter()
                .find(|h| !doc.tokens[h.first()].heading())
                .unwrap_or(&w.hits[0]);
            let sent = doc.sent(anchor.first());
            let above: Vec<usize> =
                std::iter::successors(doc.provs[doc.prov_of(anchor.first())].parent, |&p| {
                    doc.provs[p].parent
                })
                .take_while(|&p| doc.provs[p].unit == unit)
                .collect();
            let spoils_sentence = none_in_sentence.iter().any(|&c| {
                doc.hits_near(c, anchor.first(), SENTENCE_REACH).any(|h| {
                    doc.sent(h.first()) == sent && doc.provs[doc.prov_of(h.first())].unit == unit
                })
            });
            !spoils_sentence
                && !none.iter().any(|&c| {
                    // Near: between `from` and `to` in the same section;
                    // intro: in the sentence, in a provision above.
                    let (a, b) = (doc.tok_at_pos(from), doc.tok_at_pos(to.saturating_add(1)));
                    let near = doc
                        .hits_in(c, a, b)
                        .any(|h| doc.provs[doc.prov_of(h.first())].unit == unit);
                    near || above.iter().any(|&p| {
                        let t = &doc.provs[p].toks;
                        doc.hits_in(c, t.start, t.end)
                            .any(|h| doc.sent(h.first()) == sent)
                    })
                })
        })
        .collect()
}

/// Evidence of windows, the narrowest and most operative first, spread
/// over sections.
pub(super) fn ranked_evidence(cx: &Cx, ws: &[Window]) -> Vec<crate::assess::Evidence> {
    let doc = cx.doc;
    let mut cited: Vec<Vec<usize>> = Vec::new();
    let mut ranked = Vec::new();
    let mut order: Vec<&Window> = ws.iter().collect();
    order.sort_by_key(|w| (width(cx, w), w.first));
    for w in order {
        let provs: Vec<usize> = w.hits.iter().map(|h| cx.prov(h)).collect();
        if cited.contains(&provs) {
            continue;
        }
        let in_definition = provs.iter().any(|&p| doc.provs[p].definition);
        let rank = (width(cx, w) / 8).min(15) + if in_definition { 10 } else { 0 };
        ranked.push((rank, doc.provs[provs[0]].unit, cx.evidence(&w.hits, None)));
        cited.push(provs);
        if cited.len() >= MAX_WINDOWS {
            break;
        }
    }
    crate::assess::spread_ranks(&mut ranked);
    ranked.into_iter().flat_map(|(_, _, e)| e).collect()
}

fn width(cx: &Cx, w: &Window) -> u32 {
    let body: Vec<u32> = w
        .hits
        .iter()
        .filter(|h| !cx.doc.tokens[h.first()].heading())
        .map(|h| cx.pos(h.first()))
        .collect();
    match (body.iter().min(), body.iter().max()) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    }
}

/// `clause`, one document.
pub(super) fn run(cx: &Cx, p: &ClauseParams) -> Outcome {
    let mut out = Outcome::default();
    for (status, patterns) in [(Status::Met, &p.met), (Status::Partial, &p.partial)] {
        // Every pattern of the tier: the evidence is chosen among all.
        let ws: Vec<Window> = patterns.iter().flat_map(|pat| matches(cx, pat)).collect();
        {
            if ws.is_empty() {
                continue;
            }
            out.status = Some(status);
            out.evidence.extend(ranked_evidence(cx, &ws));
            let words: Vec<String> = ws[0]
                .hits
                .iter()
                .map(|h| format!("“{}”", cx.doc.hit_text(h)))
                .collect();
            out.notes.push(format!(
                "{}: {} — {} in {}.",
                cx.doc.path,
                status.as_str(),
                words.join(" + "),
                cx.doc.provs[cx.prov(&ws[0].hits[0])].citation
            ));
            return out;
        }
    }
    out.status = Some(Status::NotMet);
    out.notes.push(format!(
        "{}: no provision has the concepts together.",
        cx.doc.path
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::super::status_of;
    use crate::checklist::Status;

    /// A duty whose clause leads into a list: the abuse is named only in
    /// the third item, a sentence of its own beyond the window.
    const ZH: &str = "---\njurisdiction: t\nlanguage: zh\n---\n第五条\n\n教师、医务人员和社会工作者在工作中知悉儿童有下列情形之一的，应当立即向公安机关报告：\n\n一、离家出走后下落不明，家长无法联系。\n\n二、在家中长期无人照料，生活没有着落。\n\n三、遭受家庭成员虐待或者他人性侵害。\n";
    const FR: &str = "---\njurisdiction: t\nlanguage: fr\n---\n## Article 5\n\nLes médecins, les enseignants et les travailleurs sociaux qui ont connaissance, dans l'exercice de leurs fonctions, de l'une des situations suivantes concernant un mineur sont tenus d'en informer sans délai le procureur de la République :\n\n1° La disparition du mineur de son domicile depuis plus de deux jours sans nouvelles de sa famille.\n\n2° L'absence prolongée de scolarisation du mineur pendant l'année scolaire en cours.\n\n3° Des mauvais traitements ou des violences sexuelles subis par le mineur.\n";

    #[test]
    fn a_list_item_completes_the_clause_leading_into_it() {
        assert_eq!(status_of("MANDATORY-REPORTING", ZH), Status::Met);
        assert_eq!(status_of("MANDATORY-REPORTING", FR), Status::Met);
        // Without the abuse in any item, no duty to report abuse.
        let zh = ZH.replace(
            "三、遭受家庭成员虐待或者他人性侵害。",
            "三、长期缺课，学业明显落后于同龄人。",
        );
        assert_eq!(status_of("MANDATORY-REPORTING", &zh), Status::NotMet);
        let fr = FR.replace(
            "3° Des mauvais traitements ou des violences sexuelles subis par le mineur.",
            "3° Un changement de domicile du mineur au cours de l'année scolaire.",
        );
        assert_eq!(status_of("MANDATORY-REPORTING", &fr), Status::NotMet);
        // The items of a list do not complete a clause that does not lead
        // into them (a full stop, not a colon).
        let fr = FR.replace(
            "procureur de la République :",
            "procureur de la République.",
        );
        assert_eq!(status_of("MANDATORY-REPORTING", &fr), Status::NotMet);
    }

    #[test]
    fn a_prohibition_is_an_offence_where_a_penalty_cites_its_number() {
        let text = "---\njurisdiction: t\nlanguage: en\n---\n## Section 5. Approaches\n\nNo person shall induce a child to take part in sexual activity.\n\n## Section 9. Penalties\n\nA person who contravenes section 5 commits an offence and is liable to a fine.\n\n## Section 7. Records\n\nA school shall keep a record of every visitor.\n";
        assert_eq!(status_of("GROOMING", text), Status::Partial);
        // A penalty citing another section leaves the prohibition as it is.
        let other = text.replace("contravenes section 5", "contravenes section 7");
        assert_eq!(status_of("GROOMING", &other), Status::NotMet);
    }

    #[test]
    fn a_lead_in_frames_each_item_however_long() {
        // Subject and duty in the lead-in, the measure and the children
        // named late in a long item: together more than the window, each
        // part within it.
        let es = "---\njurisdiction: t\nlanguage: es\n---\n## Artículo 8. Deberes\n\nSin perjuicio de las demás obligaciones que establezcan las leyes, los proveedores de servicios de alojamiento y de acceso a redes de comunicación deberán:\n\n1. Conservar durante un año los registros de conexión de sus usuarios.\n\n2. Poner a disposición de las familias, sin coste alguno y de forma sencilla y visible en todas sus páginas y aplicaciones, herramientas de control parental con las que los padres puedan limitar el acceso de sus hijos menores de edad.\n";
        assert_eq!(status_of("SAFETY-BY-DESIGN", es), Status::Met);
        let es_may = es.replace("deberán:", "podrán:");
        assert_eq!(status_of("SAFETY-BY-DESIGN", &es_may), Status::NotMet);
        let en = "---\njurisdiction: t\nlanguage: en\n---\n## Section 8. Duties of providers\n\nWithout prejudice to any other duty under any enactment, every provider of a hosting, search or social media service that is offered in the country shall—\n\n(a) keep records of complaints for two years.\n\n(b) make available to every account holder, free of charge and in a form that is easy to find on each page of the service and in each application, parental controls by which parents limit what a child sees.\n";
        assert_eq!(status_of("SAFETY-BY-DESIGN", en), Status::Met);
        let en_may = en.replace("shall—", "may—");
        assert_eq!(status_of("SAFETY-BY-DESIGN", &en_may), Status::NotMet);
    }

    #[test]
    fn everyone_must_report_breaches_of_a_law_against_child_abuse() {
        let es = "---\njurisdiction: t\nlanguage: es\ntitle: Ley contra la explotación sexual de menores\n---\n## Artículo 11. Denuncia\n\nToda persona tendrá la obligación de denunciar ante las autoridades cualquier hecho violatorio de las disposiciones de la presente ley.\n";
        assert_eq!(status_of("MANDATORY-REPORTING", es), Status::Met);
        // In a law about something else, a duty to report its breaches is
        // not a duty to report abuse.
        let other = es.replace("contra la explotación sexual de menores", "de tránsito");
        assert_eq!(status_of("MANDATORY-REPORTING", &other), Status::NotMet);
        let zh = "---\njurisdiction: t\nlanguage: zh\ntitle: 儿童性剥削防制条例\n---\n第十一条 任何人发现违反本条例规定的行为，应当立即向警察机关报告。\n";
        assert_eq!(status_of("MANDATORY-REPORTING", zh), Status::Met);
        // A right to report is no duty.
        let may = zh.replace("应当立即向", "可以向");
        assert_eq!(status_of("MANDATORY-REPORTING", &may), Status::NotMet);
    }
}
