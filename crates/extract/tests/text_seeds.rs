//! The five seed articles in /work/shared/seeds (skipped when absent).

use std::path::PathBuf;

use storyline_extract::text::extract_text;
use storyline_extract::Extracted;
use storyline_model::{DateSource, Format};

fn seed(prefix: &str) -> Option<Extracted> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: no seeds at {}", dir.display());
        return None;
    };
    let path = entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
    })?;
    let text = std::fs::read_to_string(&path).ok()?;
    let extracted = extract_text(&text, Format::Text);
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{}", serde_json::to_string_pretty(&extracted).unwrap());
    }
    Some(extracted)
}

fn body_text(x: &Extracted) -> String {
    x.body.join("\n\n")
}

#[test]
fn seed_000_front_matter_markdown_and_shortcodes() {
    let Some(x) = seed("000_") else { return };
    assert_eq!(
        x.title,
        "Xiaomi Confirms Plans to Enter Japan in 2020 With Smartphones, Wearables"
    );
    assert!(x
        .date_candidates
        .iter()
        .any(|d| d.text == "2019-11-05T08:11:00+01:00"
            && d.source == DateSource::FrontMatter
            && !d.modified));
    let body = body_text(&x);
    assert!(
        !body.contains("[the_ad") && !body.contains("the\\_ad"),
        "{body}"
    );
    assert!(!body.contains("!["), "{body}");
    assert!(!body.contains("Source link"), "{body}");
    assert_eq!(x.body.len(), 4, "{:#?}", x.body);
    assert!(x.body[0].starts_with("After taking the Indian smartphone market by storm, Xiaomi"));
    assert!(x.body[3].ends_with("and we’ll do the same in Japan”, he said."));
}

#[test]
fn seed_001_one_long_translated_paragraph_is_kept_whole() {
    let Some(x) = seed("001_") else { return };
    assert_eq!(
        x.title,
        "The front line | Xiaomi mobile phone confirmed to enter Japan in 2020, Lei Jun also has a global ambition"
    );
    assert_eq!(x.body.len(), 1, "{:#?}", x.removed);
    assert!(x.body[0].starts_with("Xiaomi, which is “four sides of the country”"));
    assert!(x.body[0].ends_with("Do accumulation."));
    assert!(
        x.removed.iter().all(|r| r.reason == "title"),
        "{:#?}",
        x.removed
    );
}

#[test]
fn seed_002_leading_noise_promos_and_repeated_caption() {
    let Some(x) = seed("002_") else { return };
    assert_eq!(
        x.title,
        "Xiaomi smartphones could make official US debut this year"
    );
    let body = body_text(&x);
    for noise in [
        "Advertisement",
        "Get more with myNEWS",
        "Learn more",
        "sign up for our tech newsletters",
    ] {
        assert!(!body.contains(noise), "{noise:?} in {body}");
    }
    assert!(x.body.iter().all(|p| p != "Post"), "{:#?}", x.body);
    let caption = "Smartphones on display at Xiaomi's new store in Barcelona, Spain";
    assert!(body.matches(caption).count() <= 1);
    let start = x
        .body
        .iter()
        .position(|p| p.starts_with("Just four years ago"))
        .expect("first paragraph kept");
    let end = x
        .body
        .iter()
        .position(|p| p.ends_with("almost two a day."))
        .expect("last paragraph kept");
    assert_eq!(end - start, 7, "{:#?}", x.body);
}

#[test]
fn seed_003_byline_gives_author_and_date() {
    let Some(x) = seed("003_") else { return };
    assert_eq!(
        x.title,
        "Xiaomi Will Launch Smartphones in the US, but No Date Set"
    );
    assert_eq!(x.authors, vec!["Tom Dawson"]);
    assert!(x
        .date_candidates
        .iter()
        .any(|d| d.text == "May 29, 2015" && d.source == DateSource::Byline));
    assert!(!body_text(&x).contains("Written By"));
    assert_eq!(x.body.len(), 3, "{:#?}", x.body);
}

#[test]
fn seed_004_spec_box_comments_and_reprint_notice_go() {
    let Some(x) = seed("004_") else { return };
    assert_eq!(
        x.title,
        "Xiaomi phones not coming to America anytime soon, put your cheap flagship hopes elsewhere"
    );
    let last = x.body.last().expect("body");
    assert!(
        last == "The full interview is available at Engadget."
            || last.ends_with("waiting for the right moment."),
        "{last}"
    );
    let body = body_text(&x);
    for noise in [
        "Related phones",
        "Member since",
        "Latest Stories",
        "non-commercial use",
        "Mi 6",
    ] {
        assert!(!body.contains(noise), "{noise:?} in body");
    }
    assert!(x.body.len() >= 4);
}
