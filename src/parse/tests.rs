use super::*;

fn parse_md(lang: &str, body: &str) -> Statute {
    let text = format!("---\njurisdiction: t\nlanguage: {lang}\n---\n{body}");
    let src = Source::from_text("t.md", text).unwrap();
    parse_statute(&src).0
}

fn cites(s: &Statute) -> Vec<String> {
    s.provisions.iter().map(|p| p.citation.clone()).collect()
}

#[test]
fn us_code_style() {
    let s = parse_md(
        "en",
        "#### § 1234A. Some activities\n\n(a) Any person who\n\n(1) knowingly mails\n\n(A) sub\n\n(i) clause\n\n(ii) clause two\n\n(B) other\n\n(2) second\n\n(b)\n\n(1) Whoever\n\n(h) aitch\n\n(i) eye as letter\n",
    );
    assert_eq!(
        cites(&s),
        vec![
            "1234A",
            "1234A(a)",
            "1234A(a)(1)",
            "1234A(a)(1)(A)",
            "1234A(a)(1)(A)(i)",
            "1234A(a)(1)(A)(ii)",
            "1234A(a)(1)(B)",
            "1234A(a)(2)",
            "1234A(b)",
            "1234A(b)(1)",
            "1234A(h)",
            "1234A(i)"
        ]
    );
    assert_eq!(s.provisions[0].heading.as_deref(), Some("Some activities"));
    assert_eq!(s.provisions[3].kind, Kind::Subparagraph);
}

#[test]
fn kenya_style_paragraph_sections_and_inline_definitions() {
    let s = parse_md(
        "en",
        "## PART II—OFFENCES\n\n24. Child pornography.—(1) A person who—\n\n(a) publishes;\n\n(c) downloads, commits an offence.\n\n(3) For purposes of this section— \"child\" means a person; \"publish\" includes to—\n\n(a) distribute\n\n25. (1) Next.\n",
    );
    let c = cites(&s);
    assert!(c.contains(&"24(1)(c)".to_string()), "{c:?}");
    assert!(c.contains(&"24(3)(a)".to_string()), "{c:?}");
    assert!(c.contains(&"25(1)".to_string()), "{c:?}");
    let s24 = s.provisions.iter().find(|p| p.citation == "24").unwrap();
    assert_eq!(s24.heading.as_deref(), Some("Child pornography"));
}

#[test]
fn india_inline_enumerators() {
    let s = parse_md(
        "en",
        "## Section 2. Definitions.\n\n(1) In this Act, unless the context otherwise requires, -- (a) \"a\" means x;\n\n(d) \"child\" means any person below the age of eighteen years; 1[(da) \"child pornography\" means any visual depiction;] (e) \"domestic\" means y;\n",
    );
    let c = cites(&s);
    for want in ["2(1)", "2(1)(a)", "2(1)(d)", "2(1)(da)", "2(1)(e)"] {
        assert!(c.contains(&want.to_string()), "{want} missing from {c:?}");
    }
}

#[test]
fn chinese_articles_and_kuan() {
    let s = parse_md(
        "zh",
        "## 第一章 总则\n\n第一条 为了保护。\n\n## 第五章 网络保护\n\n第三十二条 信息处理者应当遵循下列要求：\n\n（一）合法；\n\n（二）正当。\n\n第二段文字。\n\n第三段文字。\n",
    );
    let c = cites(&s);
    for want in [
        "第一章",
        "第一条",
        "第五章",
        "第三十二条",
        "第三十二条第一款",
        "第三十二条第一款第一项",
        "第三十二条第二款",
        "第三十二条第三款",
    ] {
        assert!(c.contains(&want.to_string()), "{want} missing from {c:?}");
    }
    let a72 = s
        .provisions
        .iter()
        .position(|p| p.citation == "第三十二条")
        .unwrap();
    assert_eq!(
        s.provisions[s.provisions[a72].parent.unwrap()].citation,
        "第五章"
    );
}

#[test]
fn eu_articles_with_title_lines() {
    let s = parse_md(
        "en",
        "## Article 8\n\nConditions applicable to child's consent\n\n1.   Where point (a) applies:\n\n(a)\n\ntext a\n\n2.   The controller shall\n",
    );
    assert_eq!(cites(&s), vec!["8", "8(1)", "8(1)(a)", "8(2)"]);
    assert_eq!(
        s.provisions[0].heading.as_deref(),
        Some("Conditions applicable to child's consent")
    );
    assert_eq!(s.provisions[2].text, "text a");
}

#[test]
fn uk_cross_headings_title_number_only_sections() {
    let s = parse_md(
        "en",
        "#### Indecent photographs of children\n\n##### 1\n\n- (1) It is an offence for a person—\n\n- (a) to take;\n\n#### Interpretation\n\n##### 7\n\n- (6) \"Child\" means under 18.\n",
    );
    assert_eq!(cites(&s), vec!["1", "1(1)", "1(1)(a)", "7", "7(6)"]);
    assert_eq!(
        s.provisions[0].heading.as_deref(),
        Some("Indecent photographs of children")
    );
    assert_eq!(s.provisions[3].heading.as_deref(), Some("Interpretation"));
}

#[test]
fn canada_marginal_notes_and_inserted_numbers() {
    let s = parse_md(
        "en",
        "### 41.1 Definition\n\n(1) In this section\n\n**Possession**\n\n(4) Every person\n\n**Accessing**\n\n(4.1) Every person who accesses\n\n(4.2) For the purpose\n\n(5) It is not a defence\n",
    );
    assert_eq!(
        cites(&s),
        vec![
            "41.1",
            "41.1(1)",
            "41.1(4)",
            "41.1(4.1)",
            "41.1(4.2)",
            "41.1(5)"
        ]
    );
    assert_eq!(s.provisions[3].heading.as_deref(), Some("Accessing"));
}

#[test]
fn french_and_spanish_styles() {
    let s = parse_md(
        "fr",
        "##### Section 5 : De la mise en péril\n\n####### Article 12-34\n\nLe fait de diffuser.\n\nLes mêmes peines.\n\n1° premier ;\n\n2° second.\n",
    );
    assert_eq!(
        cites(&s),
        vec!["Section 5", "12-34", "12-34(1°)", "12-34(2°)"]
    );
    let s = parse_md(
        "es",
        "##### Artículo 45.\n\n1. Será castigado:\n\na) El que captare.\n\nb) El que produjere.\n\n2. Otro.\n",
    );
    assert_eq!(
        cites(&s),
        vec!["45", "45(1)", "45(1)(a)", "45(1)(b)", "45(2)"]
    );
}

#[test]
fn repeated_chunk_headings_continue_the_section() {
    let s = parse_md(
        "en",
        "# Title 18— CRIMES\n### CHAPTER 110— EXPLOITATION\n#### § 2251A. Selling\n###### (a) Any parent\n\n(1) one\n\n# Title 18— CRIMES\n### CHAPTER 110— EXPLOITATION\n#### § 2251A. Selling\n###### (b) Whoever\n",
    );
    let c = cites(&s);
    assert_eq!(c.iter().filter(|c| *c == "2251A").count(), 1, "{c:?}");
    assert!(c.contains(&"2251A(b)".to_string()));
}

#[test]
fn heading_only_and_empty_files_are_reported() {
    let src = Source::from_text("h.md", "# Only a heading\n\n## And another\n".into()).unwrap();
    let (_, diags) = parse_statute(&src);
    assert!(diags.iter().any(|d| d.message.contains("no provisions")));
}

#[test]
fn hostile_nesting_is_bounded() {
    let mut body = String::new();
    for i in 0..200 {
        body.push_str(&format!("{}- (a{i}) x\n", "  ".repeat(i)));
    }
    let src = Source::from_text("n.md", body).unwrap();
    let (s, _) = parse_statute(&src);
    let max_depth = s
        .provisions
        .iter()
        .map(|p| s.ancestors(0).count() + p.citation.len())
        .max();
    assert!(max_depth.is_some());
}

#[test]
fn amendment_echo_of_the_section_number_continues_it() {
    let s = parse_md(
        "en",
        "## Section 15. Punishment for storage.\n\n1[15. Punishment for storage.--\n\n(1) Any person who stores material commits an offence.\n",
    );
    assert_eq!(cites(&s), vec!["15", "15(1)"]);
    assert_eq!(s.provisions[0].text, "", "{:?}", s.provisions[0]);
    assert_eq!(s.provisions[1].heading, None);
}

#[test]
fn explanations_belong_to_the_section_not_its_last_item() {
    let s = parse_md(
        "en",
        "## Section 5. Offence.\n\n(1) A person who—\n\n(a) keeps an image; or\n\n(b) offers an image, commits an offence. Explanation.—For the purposes of this section, an image means—\n\n(a) a drawing;\n\n(b) a photograph.\n\n(2) It is a defence.\n\nIllustration\n\nA keeps a drawing.\n",
    );
    assert_eq!(cites(&s), vec!["5", "5(1)", "5(1)(a)", "5(1)(b)", "5(2)"]);
    let b = s
        .provisions
        .iter()
        .find(|p| p.citation == "5(1)(b)")
        .unwrap();
    assert!(!b.text.contains("Explanation"), "{b:?}");
    assert!(
        s.provisions[0]
            .text
            .contains("Explanation.—For the purposes")
    );
    assert!(s.provisions[0].text.contains("A keeps a drawing."));
}

#[test]
fn unnumbered_paragraphs_of_an_article_are_cited_apart() {
    let s = parse_md(
        "fr",
        "####### Article 3\n\nLe fait de diffuser une image est puni.\n\nLe fait de la détenir est puni.\n\n*Note de l'éditeur : rédaction de 2020.*\n",
    );
    assert_eq!(cites(&s), vec!["3", "3 (al. 1)", "3 (al. 2)"]);
    assert_eq!(s.provisions[0].text, "");
    assert_eq!(
        s.provisions[1].text,
        "Le fait de diffuser une image est puni."
    );
    assert_eq!((s.provisions[1].line, s.provisions[1].last_line), (7, 7));
    assert_eq!(s.provisions[2].label, "al. 2");
    assert_eq!(s.provisions[2].kind, Kind::Paragraph);
    // The note in italics stays with the paragraph before it.
    assert!(s.provisions[2].text.ends_with("rédaction de 2020."));
}

#[test]
fn paragraphs_before_items_stay_the_article_text() {
    let s = parse_md(
        "fr",
        "####### Article 4\n\nLes plateformes informent.\n\nElles permettent :\n\n1° de signaler ;\n\n2° de suivre.\n",
    );
    assert_eq!(cites(&s), vec!["4", "4(1°)", "4(2°)"]);
    assert_eq!(
        s.provisions[0].text,
        "Les plateformes informent.\n\nElles permettent :"
    );
    assert_eq!(s.provisions[1].parent, Some(0));
}

#[test]
fn the_paragraph_label_comes_from_the_context() {
    let text = "---\njurisdiction: t\nlanguage: xx\n---\n## Article 2\n\nFirst.\n\nSecond.\n";
    let src = Source::from_text("t.md", text.into()).unwrap();
    let (s, _) = parse_statute_with(
        &src,
        &ParseContext {
            paragraph_label: "p.",
        },
    );
    assert_eq!(cites(&s), vec!["2", "2 (p. 1)", "2 (p. 2)"]);
    // Without a context: the embedded lexicon's word, or the default.
    assert_eq!(
        cites(&parse_md("xx", "## Article 2\n\nA.\n\nB.\n"))[2],
        "2 (para. 2)"
    );
    assert_eq!(
        cites(&parse_md("es", "## Artículo 2\n\nA.\n\nB.\n"))[2],
        "2 (párr. 2)"
    );
}

#[test]
fn a_chinese_title_line_inside_an_article_is_not_a_kuan() {
    let s = parse_md(
        "zh",
        "第十二条 对作出贡献的组织给予表彰。\n\n网络素养促进\n\n第十三条 学校应当开展教育。\n\n第二段文字。\n",
    );
    assert_eq!(
        cites(&s),
        vec!["第十二条", "第十三条", "第十三条第一款", "第十三条第二款"]
    );
    assert_eq!(s.provisions[1].heading.as_deref(), Some("网络素养促进"));
    assert_eq!(s.provisions[0].text, "对作出贡献的组织给予表彰。");
}

#[test]
fn illustrations_after_paragraphs_belong_to_the_section() {
    let s = parse_md(
        "en",
        "## Section 8. Showing images.\n\nWhoever shows an image commits an offence.\n\nWhoever does so online is liable to twice the penalty.\n\nIllustrations\n\n(a) A sends an image. A has committed the offence.\n\n(b) A shows an image. A has committed the offence.\n",
    );
    assert_eq!(cites(&s), vec!["8", "8 (para. 1)", "8 (para. 2)"]);
    assert!(
        s.provisions[0]
            .text
            .starts_with("Illustrations\n\n(a) A sends")
    );
    assert!(!s.provisions[2].text.contains("Illustrations"));
}
