use super::*;

/// `(label, text)` of every mention found, in order.
fn spans(text: &str, known: &[Mention]) -> Vec<(Label, String)> {
    let found = find(text, known);
    for m in &found {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
        assert!((0.5..=0.9).contains(&m.score), "{m:?}");
        assert_eq!(m.source, Source::Rule);
    }
    found.iter().map(|m| (m.label, text[m.start..m.end].to_string())).collect()
}

fn persons(text: &str) -> Vec<String> {
    spans(text, &[]).into_iter().filter(|(l, _)| *l == Label::Person).map(|(_, s)| s).collect()
}

fn orgs(text: &str, known: &[Mention]) -> Vec<String> {
    spans(text, known).into_iter().filter(|(l, _)| *l == Label::Org).map(|(_, s)| s).collect()
}

/// A known mention of `needle` (first occurrence) in `text`.
fn known_at(text: &str, needle: &str, label: Label) -> Mention {
    let start = text.find(needle).expect(needle);
    Mention::new(start, start + needle.len(), label, Source::Kb, 0.8)
}

#[test]
fn person_after_title() {
    let cases: &[(&str, &[&str])] = &[
        // title + nisba + compound name
        ("زار الرئيس الموريتاني عبد الرزاق بوفلجة العاصمة", &["عبد الرزاق بوفلجة"]),
        // military rank + nisba
        ("وترأس العقيد الليبي فاضل زرقين وفدا عسكريا", &["فاضل زرقين"]),
        // feminine title + nisba, stop at إن
        ("وقالت الوزيرة الكندية لينا مورفان إن الاتفاق قريب", &["لينا مورفان"]),
        // title + complement + nisba
        ("أكد وزير الخارجية الفنلندي ماتي كوسكيلا أن بلاده", &["ماتي كوسكيلا"]),
        // stop at a preposition
        ("اجتمع السفير كمال زروقي مع نظيره", &["كمال زروقي"]),
        // علي is a name, على a preposition
        ("استقبل الوزير علي بن سالم وفدا", &["علي بن سالم"]),
        // nasab chain
        ("وصل الشيخ حمدان بن راشد بن سعيد آل فارس إلى", &["حمدان بن راشد بن سعيد آل فارس"]),
        // link: المتحدث باسم …
        ("وقال المتحدث باسم الخارجية جان دوبري إن", &["جان دوبري"]),
    ];
    for (text, want) in cases {
        assert_eq!(persons(text), *want, "{text}");
    }
}

#[test]
fn person_after_proclitic_title() {
    let cases: &[(&str, &[&str])] = &[
        // ل + المحللة: the cue keeps its proclitic, the name has none
        ("وفقا للمحللة الاقتصادية ريم قطامش.", &["ريم قطامش"]),
        ("وفقا للخبير السياسي نادر بلحوت، فإن", &["نادر بلحوت"]),
        // و + الرئيس; a present-tense verb ends the name
        ("والرئيس نزار بلعيد يلقي كلمة", &["نزار بلعيد"]),
    ];
    for (text, want) in cases {
        assert_eq!(persons(text), *want, "{text}");
    }
}

#[test]
fn person_in_apposition() {
    let cases: &[(&str, &[&str])] = &[
        ("التقى الوفد مع داريا فولكوفا، مستشارة وزير الطاقة", &["داريا فولكوفا"]),
        ("وحضر اللقاء بيتر ماكلاود، السفير البريطاني", &["بيتر ماكلاود"]),
        // و + الرئيس after the comma is a coordination, not an apposition
        ("التقى الوفد مع داريا فولكوفا، والرئيس", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(persons(text), *want, "{text}");
    }
}

#[test]
fn person_negatives() {
    let cases = [
        "قال الرئيس إن الوضع مستقر",
        "التقى الرئيس الأمريكي في البيت الأبيض",
        "وتلقى وزير الخارجية الليلة الماضية اتصالا هاتفيا",
        "أمام المتظاهرين في الساحة",
        "الرئيس، الذي وصل أمس",
    ];
    for text in cases {
        assert_eq!(persons(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn person_stops_at_and_before_hamza_alef() {
    // و + أ/إ is "and": the name after the title ends before it, whatever the next word.
    let cases = [
        ("استقبل الرئيس زروقي وأوليفر نيمان أمس", "زروقي"),
        ("وصل العقيد زرقين وإيفار ستيلا", "زرقين"),
    ];
    for (text, want) in cases {
        let got = persons(text);
        assert_eq!(got.first().map(String::as_str), Some(want), "{text}: {got:?}");
    }
}

#[test]
fn person_uses_known_mentions() {
    // A known GPE is not a name; a known NORP between title and name is skipped.
    let text = "زار المبعوث روسيا";
    assert_eq!(spans(text, &[known_at(text, "روسيا", Label::Gpe)]), vec![]);
    let text = "وقال الوزير أمس إن";
    assert_eq!(spans(text, &[known_at(text, "أمس", Label::Date)]), vec![]);
    let text = "استقبل رئيس وزراء كرواتيا ماركو بلازيتش الوفد";
    let known = [known_at(text, "كرواتيا", Label::Gpe)];
    assert_eq!(spans(text, &known), vec![(Label::Person, "ماركو بلازيتش".to_string())]);
}

#[test]
fn person_surname_propagates() {
    let text = "وقال السفير الإيطالي لوكا ميرانتي إن الاتفاق جاهز. وأضاف ميرانتي أن";
    assert_eq!(persons(text), vec!["لوكا ميرانتي", "ميرانتي"]);
}

#[test]
fn org_chains() {
    let cases: &[(&str, &[&str])] = &[
        ("وأعلنت وزارة الصحة السويدية أمس", &["وزارة الصحة السويدية"]),
        ("وفد من وزارة الدفاع الوطني الموريتانية", &["وزارة الدفاع الوطني الموريتانية"]),
        ("دعا مجلس الأمن الدولي إلى", &["مجلس الأمن الدولي"]),
        ("بحسب لجنة الانتخابات المركزية", &["لجنة الانتخابات المركزية"]),
        ("وقررت وزارة الاقتصاد والتجارة", &["وزارة الاقتصاد والتجارة"]),
        ("قال المجلس العسكري الحاكم", &["المجلس العسكري"]),
        // a bare head, a definite head before a noun, an army by its nationality
        ("قال المجلس إن", &[]),
        ("سيناقش المجلس التقارير", &[]),
        ("وقال الجيش الإسرائيلي", &[]),
        ("أعلنت الحكومة الجديدة", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(orgs(text, &[]), *want, "{text}");
    }
}

#[test]
fn org_noun_head_and_place() {
    // The government of a place is not an organisation by the place's name; a body of
    // another kind is (the club of Tangier), and so is a government with a noun of its own.
    let text = "وقالت حكومة موسكو إن";
    assert_eq!(orgs(text, &[known_at(text, "موسكو", Label::Gpe)]), Vec::<String>::new());
    let text = "فاز اتحاد طنجة على";
    assert_eq!(orgs(text, &[known_at(text, "طنجة", Label::Gpe)]), vec!["اتحاد طنجة"]);
    let text = "وقالت قوات الاحتلال في";
    assert_eq!(orgs(text, &[]), vec!["قوات الاحتلال"]);
}

#[test]
fn org_with_proclitic_and_place() {
    // ل + السفارة: the span starts at the second ل; في + a known place continues it.
    let text = "بيان صحفي للسفارة الفرنسية في تونس صدر أمس";
    let known = [known_at(text, "الفرنسية", Label::Norp), known_at(text, "تونس", Label::Gpe)];
    assert_eq!(orgs(text, &known), vec!["لسفارة الفرنسية في تونس"]);
    // في + a word that is not a place ends it.
    let text2 = "بيان صحفي للسفارة الفرنسية في البلاد";
    assert_eq!(orgs(text2, &[known_at(text2, "الفرنسية", Label::Norp)]), vec!["لسفارة الفرنسية"]);
}

#[test]
fn clitic_analysis() {
    let cases = [
        ("للمحللة", Some(("لمحللة", "المحلله"))),
        ("والرئيس", Some(("الرئيس", "الرييس"))),
        ("وللسفارة", Some(("لسفارة", "السفاره"))),
        ("لروسيا", Some(("روسيا", "روسيا"))),
        ("سالم", None),
    ];
    for (word, want) in cases {
        let got = clitic(word).map(|(off, key)| (&word[off..], key));
        assert_eq!(got.as_ref().map(|(s, k)| (*s, k.as_str())), want, "{word}");
    }
}

#[test]
fn output_is_sorted_without_overlapping_persons() {
    let text = "قال الرئيس الموريتاني عبد الرزاق بوفلجة، رئيس الحزب، إن وزارة الصحة السويدية \
                ستتعاون مع الخبيرة ريم قطامش.\nوأضاف بوفلجة أن مجلس الأمن الدولي سيجتمع.";
    let found = find(text, &[]);
    assert!(found.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    let people: Vec<_> = found.iter().filter(|m| m.label == Label::Person).collect();
    assert!(people.windows(2).all(|w| w[0].end <= w[1].start), "{people:?}");
    assert_eq!(people.len(), 3, "{people:?}");
}

/// Where the Arabic model tagged the sentence, a rule mention stays only beside a model
/// mention, on a title followed by a known name, or as an ORG holding a known NORP/GPE;
/// elsewhere every rule mention stays.
#[test]
fn rules_follow_the_model_in_sentences_it_tagged() {
    let rule = |s, e, l, score| Mention::new(s, e, l, Source::Rule, score);
    let model = [Mention::new(10, 20, Label::Person, Source::Model, 0.7)];
    let known = [Mention::new(74, 80, Label::Norp, Source::Kb, 0.8)];
    let all = vec![
        rule(12, 25, Label::Person, 0.6),               // overlaps the model: stays
        rule(30, 40, Label::Org, 0.85),                 // alone: goes
        rule(45, 50, Label::Person, 0.5),               // alone, weak: goes
        rule(55, 60, Label::Person, SCORE_TITLE_KNOWN), // alone, title + known name: stays
        rule(65, 80, Label::Org, 0.85),                 // alone, holds a known NORP: stays
        rule(110, 120, Label::Org, 0.85),               // in a sentence the model did not tag: stays
    ];
    let mut got = all.clone();
    follow_model(&mut got, &model, &[0..100], &known);
    assert_eq!(got.iter().map(|m| m.start).collect::<Vec<_>>(), [12, 55, 65, 110]);
    let mut untouched = all.clone();
    follow_model(&mut untouched, &model, &[], &known);
    assert_eq!(untouched, all);
}

/// A one-word list place that the model left outside names in a sentence it tagged goes
/// when the model's training text used the word outside names (`مالية` "financial", not
/// Mali); a word it saw as a name, a place of two words, a place the model overlaps and a
/// place in a sentence the model did not tag stay.
#[test]
fn list_places_spelt_like_common_words_go_where_the_model_read_them() {
    let model = crate::ner::Model::builtin("ar").expect("shipped Arabic model");
    assert!(model.mostly_outside_names("مالية") && model.mostly_outside_names("الساحل"));
    assert!(!model.mostly_outside_names("روسيا") && !model.mostly_outside_names("بروسيا"));
    let text = "قالت إن الأزمة مالية . وزار روسيا والقارة الأفريقية . وبالساحل قرية . ثم مالية أخرى";
    let at = |s: &str, from: usize| {
        let start = from + text[from..].find(s).expect(s);
        Mention::new(start, start + s.len(), Label::Gpe, Source::Kb, 0.8)
    };
    let second = text.find("ثم").unwrap();
    let sahel = at("الساحل", 0);
    let known = vec![
        at("مالية", 0),                // common word, alone: goes
        at("روسيا", 0),                // a name in the training text: stays
        at("القارة الأفريقية", 0),     // two words: stays
        sahel.clone(),                 // common with its proclitic (بالساحل), overlapped by the model: stays
        at("مالية", second),           // outside the sentences the model tagged: stays
    ];
    let found = [Mention::new(sahel.start, sahel.end + 4, Label::Loc, Source::Model, 0.7)];
    let mut got = known.clone();
    drop_common_word_places(text, &mut got, &found, &[0..second], model);
    assert_eq!(got, known[1..]);
    // Without the model's overlap the proclitic form goes too.
    let mut got = known.clone();
    drop_common_word_places(text, &mut got, &[], &[0..second], model);
    assert_eq!(got, [known[1].clone(), known[2].clone(), known[4].clone()]);
    // No sentence tagged by the Arabic model: nothing changes.
    let mut got = known.clone();
    drop_common_word_places(text, &mut got, &[], &[], model);
    assert_eq!(got, known);
}

/// Only a rule person read after a cue outweighs the model's unlisted place at its span.
#[test]
fn only_cued_rule_persons_outweigh_the_model() {
    let m = |score| Mention::new(0, 5, Label::Person, Source::Rule, score);
    assert!(cued_person(&m(SCORE_TITLE)) && cued_person(&m(SCORE_VERB)) && cued_person(&m(SCORE_APPOSITION)));
    assert!(!cued_person(&m(SCORE_RUN)) && !cued_person(&m(SCORE_SINGLE)) && !cued_person(&m(SCORE_SURNAME)));
    assert!(!cued_person(&Mention::new(0, 5, Label::Org, Source::Rule, SCORE_ORG)));
}

#[test]
fn a_city_with_a_masculine_nationality_adjective_is_a_club() {
    let text = "وفاز ليون الفرنسي على هامبورغ ثم زار الوفد ليون الفرنسية والمغرب العربي";
    let model = |needle: &str, nth: usize| {
        let start = text.match_indices(needle).nth(nth).expect(needle).0;
        Mention::new(start, start + needle.len(), Label::Gpe, Source::Model, 0.8)
    };
    let norp = |needle: &str| known_at(text, needle, Label::Norp);
    let mut found = vec![model("ليون", 0), model("هامبورغ", 0), model("ليون", 1), model("المغرب", 0)];
    let known = vec![norp("الفرنسي "), norp("الفرنسية"), norp("العربي")];
    let mut known = known;
    // `الفرنسي ` with its space found the masculine form; trim the space.
    known[0].end -= 1;
    known.sort_by_key(|m| m.start);
    clubs(text, &mut found, &known, &[0..text.len()]);
    let labels: Vec<Label> = found.iter().map(|m| m.label).collect();
    // The club, then a city with no adjective, the city (feminine), a region with the article.
    assert_eq!(labels, [Label::Org, Label::Gpe, Label::Gpe, Label::Gpe]);
    // Outside the sentences the Arabic model tagged, nothing changes.
    let mut untouched = vec![model("ليون", 0)];
    clubs(text, &mut untouched, &known, &[]);
    assert_eq!(untouched[0].label, Label::Gpe);
}

#[test]
fn a_country_spelt_as_an_adjective_after_a_definite_noun_is_a_norp() {
    let kb = crate::kb::Kb::builtin();
    // (text, place the tagger found, label it should end with)
    let cases = [
        ("تطورت الكرة السعودية كثيرا", Label::Norp),
        ("دعم للمرأة السعودية في العمل", Label::Norp),
        // Alone, after a verb or a preposition: the country.
        ("زار الوفد السعودية أمس", Label::Gpe),
        ("وصل إلى السعودية أمس", Label::Gpe),
        // After another adjective the chain may be the country's name.
        ("رحبت المملكة العربية السعودية بالقرار", Label::Gpe),
    ];
    for (text, want) in cases {
        let start = text.find("السعودية").unwrap();
        let mut found = vec![Mention::new(start, start + "السعودية".len(), Label::Gpe, Source::Model, 0.8)];
        adjective_places(text, &mut found, &mut [], kb);
        assert_eq!(found[0].label, want, "{text}");
    }
}

#[test]
fn adjective_places_reads_the_word_before_past_any_punctuation() {
    // The word before the place ends after a two-byte Arabic comma: no mid-character cut.
    let kb = crate::kb::Kb::builtin();
    for text in ["قال،المسؤول، السعودية", "بين « السعودية", "قالت المرأةُ السعودية"] {
        let start = text.rfind("السعودية").unwrap();
        let mut found = vec![Mention::new(start, start + "السعودية".len(), Label::Gpe, Source::Model, 0.8)];
        adjective_places(text, &mut found, &mut [], kb);
        let want = if text.contains("المرأة") { Label::Norp } else { Label::Gpe };
        assert_eq!(found[0].label, want, "{text}");
    }
}

#[test]
fn a_name_after_a_newspaper_team_or_company_noun_is_that_organisation() {
    let cases = [
        ("نقلت صحيفة ديلي ستار الخبر", "ديلي ستار", Label::Person, Label::Org),
        ("وفاز فريق المغرب الفاسي", "المغرب الفاسي", Label::Gpe, Label::Org),
        ("وأعلنت لشركة نوكيا", "نوكيا", Label::Person, Label::Org),
        // The article makes `الفريق` a military rank, and a person after a verb stays one.
        ("وقال الفريق سعيد أحمد", "سعيد أحمد", Label::Person, Label::Person),
        ("وقال سعيد أحمد", "سعيد أحمد", Label::Person, Label::Person),
        ("وقال المؤسس المشارك للشركة لاري بيدج", "لاري بيدج", Label::Person, Label::Person),
    ];
    for (text, name, from, want) in cases {
        let start = text.find(name).unwrap();
        let mut found = vec![Mention::new(start, start + name.len(), from, Source::Model, 0.8)];
        named_by_head(text, &mut found, &[0..text.len()]);
        assert_eq!(found[0].label, want, "{text}");
    }
}
