use super::*;
use crate::checklist;
use crate::parse::parse_statute;
use crate::source::Source;

pub(crate) fn engine() -> Engine {
    Engine::new(checklist::load(None).unwrap())
}

pub(crate) fn facts(engine: &Engine, lang: &str, body: &str) -> DocFacts {
    let src = Source::from_text(
        "t.md",
        format!("---\njurisdiction: t\nlanguage: {lang}\n---\n{body}"),
    )
    .unwrap();
    let (st, _) = parse_statute(&src);
    extract(engine, &st)
}

fn concepts_in(engine: &Engine, d: &DocFacts, citation: &str) -> Vec<String> {
    let p = d.provs.iter().position(|p| p.citation == citation).unwrap();
    let r = d.provs[p].toks.clone();
    let mut v: Vec<String> = d
        .hits
        .iter()
        .filter(|h| r.contains(&h.first()))
        .map(|h| engine.concept_ids[h.concept()].clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn longest_match_within_a_class() {
    let e = engine();
    let d = facts(
        &e,
        "en",
        "## Section 1. Offence\n\n(1) A person who makes available child pornography commits an offence.\n",
    );
    let c = concepts_in(&e, &d, "1(1)");
    assert!(c.contains(&"conduct-offer".to_string()));
    assert!(!c.contains(&"conduct-produce".to_string()), "{c:?}");
    assert!(
        d.provs
            .iter()
            .find(|p| p.citation == "1(1)")
            .unwrap()
            .offence
    );
}

#[test]
fn definitions_pass_conducts_to_verbs_and_media_to_nouns() {
    let e = engine();
    let d = facts(
        &e,
        "en",
        "### Section 24. Child pornography\n\n(1) A person who publishes child pornography commits an offence.\n\n(3) In this section— \"publish\" includes to distribute, transmit or sell; \"photograph\" includes data stored on a computer.\n",
    );
    assert_eq!(
        d.defs.iter().map(|d| d.term.as_str()).collect::<Vec<_>>(),
        vec!["publish", "photograph"]
    );
    let c = concepts_in(&e, &d, "24(1)");
    assert!(c.contains(&"conduct-distribute".to_string()), "{c:?}");
    assert!(d.hits.iter().any(|h| h.via() == Some(0)));
}

#[test]
fn defences_and_definition_sections_are_flagged() {
    let e = engine();
    let d = facts(
        &e,
        "en",
        "### Section 1. Offence\n\n(1) It is an offence to distribute child pornography.\n\n(2) It is a defence to prove that—\n\n(a) he had not seen it.\n\n### Section 2. Interpretation\n\n(1) \"child\" means a person under the age of 18.\n",
    );
    let get = |c: &str| d.provs.iter().find(|p| p.citation == c).unwrap();
    assert!(get("1(1)").offence && !get("1(1)").defence);
    assert!(get("1(2)(a)").defence);
    assert!(get("2(1)").definition && !get("2(1)").offence);
    assert_eq!(d.ages.len(), 1);
}

#[test]
fn defence_wording_holds_from_its_sentence_on() {
    let e = engine();
    let d = facts(
        &e,
        "en",
        "### Section 1. Offence\n\nIt is an offence to distribute child pornography. It is a defence to prove that the accused had not seen it.\n\n**Defence**\n\n(2) A person who distributes child pornography for a court is not guilty.\n",
    );
    let tok = |word: &str, prov: &str| {
        let p = d.provs.iter().position(|p| p.citation == prov).unwrap();
        (d.provs[p].toks.clone())
            .find(|&t| d.words[d.tokens[t].norm() as usize] == *word)
            .unwrap()
    };
    // The offence before the defence sentence stays an offence…
    assert!(!d.in_defence(tok("distribute", "1")));
    assert!(d.in_defence(tok("seen", "1")));
    // …and wording in a heading covers the whole provision below it.
    assert!(d.in_defence(tok("distribute", "1(2)")));
}

#[test]
fn glued_words_are_read() {
    let e = engine();
    let d = facts(
        &e,
        "en",
        "### Section 160. Possession\n\n(1) It is an offence for a person to have any indecent photograph or pseudo-photographof a child in his possession.\n",
    );
    assert!(
        d.fuzzy.iter().any(|(w, _)| w == "photographof"),
        "{:?}",
        d.fuzzy
    );
    let c = concepts_in(&e, &d, "160(1)");
    assert!(c.contains(&"material".to_string()), "{c:?}");
}

#[test]
fn traditional_chinese_ages_are_read_as_simplified_ones() {
    let e = engine();
    let d = facts(
        &e,
        "zh",
        "第 2 條\n\n本法所稱少年，指十二歲以上未滿十八歲之人。\n",
    );
    let mut ages: Vec<(u32, Bound)> = d.ages.iter().map(|a| (a.age.value, a.age.bound)).collect();
    ages.sort();
    assert_eq!(ages, vec![(12, Bound::AtLeast), (18, Bound::Under)]);
    // The ages keep their place in the original text.
    let p = &d.provs[d.ages[0].prov];
    let a = d.ages.iter().find(|a| a.age.value == 18).unwrap();
    assert_eq!(&p.text[a.age.start..a.age.end], "未滿十八歲");
}

#[test]
fn a_thread_reads_a_document_into_the_tokens_room_the_one_before_left() {
    // On a thread of its own: the room is the thread's.
    std::thread::spawn(|| {
        let e = engine();
        let body = "## Section 1. Offence\n\n(1) A person who makes child pornography commits an offence.\n";
        let first = facts(&e, "en", body);
        let read_as = |d: &DocFacts| -> Vec<(u32, u32, u32, bool)> {
            d.tokens
                .iter()
                .map(|t| (t.norm(), t.start, t.end, t.heading()))
                .collect()
        };
        let tokens = read_as(&first);
        // A room larger than the first document needed, given back.
        let mut room = first.tokens.clone();
        room.reserve_exact(5000);
        let cap = room.capacity();
        read::recycle(room);
        let second = facts(&e, "en", body);
        assert_eq!(read_as(&second), tokens, "the same tokens, read into the room");
        assert_eq!(second.tokens.capacity(), cap, "the room kept");
        // Its room goes back when it is done; one too large is not kept.
        recycle(second);
        read::recycle(Vec::with_capacity(read::KEPT_TOKENS + 1));
        assert_eq!(facts(&e, "en", body).tokens.capacity(), cap);
        // A document that outgrows its room holds its tokens at their length.
        let long = body.repeat(read::KEPT_TOKENS / 8);
        let d = facts(&e, "en", &long);
        assert!(d.tokens.len() > read::KEPT_TOKENS, "{}", d.tokens.len());
        assert_eq!(d.tokens.capacity(), d.tokens.len());
    })
    .join()
    .unwrap();
}

/// What the fuzzy reading and the phrase scan look up once per word and
/// thread gives the same facts as a thread that meets the document first:
/// a word fixed in one document, met twice (and so not fixed) in the next,
/// and once again in a third; and the other way round.
#[test]
fn words_looked_up_once_per_thread_read_as_on_a_fresh_thread() {
    let docs = [
        "## Section 1. Offence\n\n(1) A person who has a photographof a child commits an offence. No pornograpy and no pornograpy.\n",
        "## Section 2. Offence\n\n(1) A person who makes pornograpy commits an offence; a photographof or photographof a child.\n",
        "## Section 3. Offence\n\n(1) A person who shows a photographof a child commits an offence.\n",
    ];
    let read_as = |d: &DocFacts| {
        let words: Vec<String> = (0..d.tokens.len()).map(|t| d.word(t).to_string()).collect();
        let hits: Vec<(usize, usize, usize)> = d
            .hits
            .iter()
            .map(|h| (h.first(), h.last(), h.concept()))
            .collect();
        (words, d.fuzzy.clone(), hits)
    };
    let fresh: Vec<_> = docs
        .iter()
        .map(|&body| {
            std::thread::spawn(move || read_as(&facts(&engine(), "en", body)))
                .join()
                .unwrap()
        })
        .collect();
    let fixed = |r: &(Vec<String>, Vec<(String, String)>, _)| -> Vec<String> {
        r.1.iter().map(|(w, _)| w.clone()).collect()
    };
    assert_eq!(fixed(&fresh[0]), ["photographof"]);
    assert_eq!(fixed(&fresh[1]), ["pornograpy"]);
    assert_eq!(fixed(&fresh[2]), ["photographof"]);
    let in_turn: Vec<_> = std::thread::spawn(move || {
        let e = engine();
        [0, 1, 2, 0, 2, 1]
            .iter()
            .map(|&i| (i, read_as(&facts(&e, "en", docs[i]))))
            .collect()
    })
    .join()
    .unwrap();
    for (i, r) in in_turn {
        assert_eq!(r, fresh[i], "document {i}");
    }
}

#[test]
fn a_concept_is_found_by_its_id() {
    let e = engine();
    assert!(e.concept_ids.len() > 10);
    for (i, id) in e.concept_ids.iter().enumerate() {
        assert_eq!(e.concept(id), Some(i), "{id}");
    }
    assert_eq!(e.concept("no-such-concept"), None);
    assert_eq!(e.concept(""), None);
}

#[test]
fn a_documents_words_are_numbered_in_the_order_they_are_met() {
    let mut w = facts::Words::with_capacity(2);
    assert!(w.is_empty());
    for s in ["child", "", "pornographi", "儿童"] {
        w.push(s);
    }
    assert_eq!(w.len(), 4);
    assert_eq!(
        (0..w.len()).map(|i| &w[i]).collect::<Vec<_>>(),
        ["child", "", "pornographi", "儿童"]
    );
    // A document's tokens name their words by those numbers.
    let e = engine();
    let d = facts(&e, "en", "## Section 1. Offence\n\nA child, a child.\n");
    let read: Vec<&str> = (0..d.tokens.len()).map(|t| d.word(t)).collect();
    assert_eq!(read, ["offence", "a", "child", "a", "child"]);
    assert_eq!(d.words.len(), 3);
}
