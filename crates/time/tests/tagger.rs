//! Tagger rules one by one, and properties over arbitrary input.

use proptest::prelude::*;
use storyline_model::{PartialDate, Precision};
use storyline_time::tag;

fn date(s: &str) -> PartialDate {
    s.parse().expect("test date")
}

fn only(text: &str, anchor: Option<&str>) -> (String, String, Option<String>, bool) {
    let mentions = tag(text, anchor.map(date));
    assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
    let m = &mentions[0];
    (
        m.text.clone(),
        m.date.to_string(),
        m.until.map(|u| u.to_string()),
        m.anchored,
    )
}

#[test]
fn absolute_dates_resolve_without_anchor() {
    assert_eq!(
        only("It opened on November 4th, 2019 downtown.", None).1,
        "2019-11-04"
    );
    assert_eq!(only("It opened on 4 November 2019.", None).1, "2019-11-04");
    assert_eq!(only("Filed 2019-11-05 in court.", None).1, "2019-11-05");
    assert_eq!(only("Sales in November 2019 rose.", None).1, "2019-11");
    assert_eq!(only("They plan to enter Japan in 2020.", None).0, "2020");
}

#[test]
fn quarters_and_halves_are_spans() {
    let (_, d, u, a) = only("Shipments fell in the third quarter of 2019.", None);
    assert_eq!(
        (d.as_str(), u.as_deref(), a),
        ("2019-07", Some("2019-09"), false)
    );
    assert_eq!(only("Revenue grew in Q3 2019.", None).1, "2019-07");
    let (_, d, u, _) = only("In the first half of 2019 revenue rose.", None);
    assert_eq!((d.as_str(), u.as_deref()), ("2019-01", Some("2019-06")));
    let (_, d, u, a) = only(
        "Sales in the second quarter of this year rose.",
        Some("2019"),
    );
    assert_eq!(
        (d.as_str(), u.as_deref(), a),
        ("2019-04", Some("2019-06"), true)
    );
}

#[test]
fn relative_expressions_need_an_anchor() {
    assert!(tag("It will launch next year.", None).is_empty());
    assert_eq!(only("It will launch next year.", Some("2019")).1, "2020");
    assert_eq!(
        only("Just four years ago, it said no.", Some("2018")).1,
        "2014"
    );
    assert_eq!(
        only("Prices rose last month.", Some("2019-11-05")).1,
        "2019-10"
    );
    assert!(tag("Prices rose last month.", Some(date("2019"))).is_empty());
    assert_eq!(
        only("It happened yesterday.", Some("2019-11-05")).1,
        "2019-11-04"
    );
    // 2019-11-05 is a Tuesday: "on Monday" is the day before.
    assert_eq!(
        only("He spoke on Monday.", Some("2019-11-05")).1,
        "2019-11-04"
    );
    assert_eq!(
        only("It opens in November.", Some("2019-03-01")).1,
        "2019-11"
    );
    assert_eq!(
        only("On November 4th, it was confirmed.", Some("2019")).1,
        "2019-11-04"
    );
}

#[test]
fn fuzzy_expressions_cover_part_of_a_year() {
    let (_, d, u, _) = only("Expect it late this year.", Some("2018"));
    assert_eq!((d.as_str(), u.as_deref()), ("2018-09", Some("2018-12")));
    let (_, d, u, _) = only("Expect it in early 2019.", None);
    assert_eq!((d.as_str(), u.as_deref()), ("2019-01", Some("2019-04")));
    let (t, d, u, _) = only("in Europe later this decade.", Some("2015"));
    assert_eq!(
        (t.as_str(), d.as_str(), u.as_deref()),
        ("later this decade", "2016", Some("2019"))
    );
}

#[test]
fn numbers_that_are_not_dates_are_left_alone() {
    for text in [
        "plans to open 2,000 stores worldwide",
        "selling nearly 4.5 million units",
        "more than 80 countries and regions",
        "Related phones: Mi 6 and Redmi Note 5",
        "Processor Qualcomm Snapdragon 835, Octa-core, 2457 MHz",
        "Battery 3350 mAh, Storage 128 GB",
        "you may see it in march of the penguins",
    ] {
        assert!(
            tag(text, Some(date("2019-11-05"))).is_empty(),
            "{text}: {:?}",
            tag(text, None)
        );
    }
}

#[test]
fn offsets_are_in_chars_and_sentences_are_kept() {
    let text = "Xiaomi’s “plan”: it entered Spain in 2017. Next.";
    let m = &tag(text, None)[0];
    assert_eq!(
        text.chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect::<String>(),
        "2017"
    );
    assert_eq!(m.sentence, "Xiaomi’s “plan”: it entered Spain in 2017.");
    assert_eq!(m.precision, Precision::Year);
}

proptest! {
    #[test]
    fn tagging_never_panics_and_dates_are_real(text in "\\PC{0,200}", year in 1..9999i32, month in 1..=12u32) {
        let anchor = PartialDate::month(year, month);
        for m in tag(&text, anchor).into_iter().chain(tag(&text, None)) {
            prop_assert!(m.start <= m.end && m.end <= text.chars().count());
            if let Some(until) = m.until {
                prop_assert!(until.last_day() >= m.date.first_day());
            }
        }
    }

    #[test]
    fn date_like_text_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("November".to_string()), Just("4th".to_string()), Just("Q3".to_string()),
                Just("early".to_string()), Just("this year".to_string()), Just("in".to_string()),
                Just("or".to_string()), Just("ago".to_string()), Just("Monday".to_string()),
                Just("later this decade".to_string()), Just("last November".to_string()),
                (0..3000u32).prop_map(|n| n.to_string()), Just("’".to_string()), Just(".".to_string()),
            ],
            0..20,
        ),
        day in 1..=28u32,
    ) {
        let text = words.join(" ");
        let anchor = PartialDate::day(2019, 2, day);
        for m in tag(&text, anchor) {
            prop_assert!(m.end <= text.chars().count());
            let _ = m.date.first_day();
        }
    }
}
