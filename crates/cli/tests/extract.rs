//! `storyline extract FILE`: one page's extraction for someone debugging a source, with
//! `--explain` listing what was cut and what was put back, each with its reason.

mod common;

use common::{stderr, stdout, storyline};

/// The standfirst of the English page: a dek, display type, left out of the body.
const DEK: &str =
    "The scooter maker picks Portugal for its first shop abroad, a year ahead of plan.";

const ENGLISH: [&str; 5] = [
    "Lumora opened its first store outside Finland in Lisbon on Friday, selling electric scooters and battery modules to commuters in the Portuguese capital.",
    "The shop on Rua Augusta has a repair corner where owners can have batteries tested while they wait, the company said in a statement.",
    "Chief executive Mira Laine said the company had planned to enter southern Europe in 2020 but moved the date forward after strong demand from Portuguese customers.",
    "Lumora expects to open two more stores in Spain next year and is looking for a site in Madrid, according to people familiar with the plans.",
    "Reporting by Ana Silva; Editing by John Doe",
];

/// The German page's Vorspann: the article's first paragraph, put back.
const VORSPANN: &str =
    "Der Rollerhersteller wählt Portugal für sein erstes Geschäft im Ausland, ein Jahr früher als geplant.";

const GERMAN: [&str; 4] = [
    "Lumora hat am Freitag in Lissabon sein erstes Geschäft außerhalb Finnlands eröffnet und verkauft dort Elektroroller und Akkumodule an Pendler.",
    "Der Laden in der Rua Augusta hat eine Werkstattecke, in der Besitzer ihre Akkus prüfen lassen können, während sie warten, teilte das Unternehmen mit.",
    "Vorstandschefin Mira Laine sagte, das Unternehmen habe den Eintritt in Südeuropa für 2020 geplant, den Termin wegen der großen Nachfrage aber vorgezogen.",
    "Lumora will im nächsten Jahr zwei weitere Geschäfte in Spanien eröffnen und sucht nach einem Standort in Madrid, wie es aus dem Umfeld des Unternehmens heißt.",
];

/// A news page: headline, a standfirst under it (also the page's description), the
/// article's paragraphs, navigation and a footer around them.
fn page(lang: &str, standfirst: &str, paragraphs: &[&str]) -> String {
    let paragraphs: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head>
<title>Lumora opens a store in Lisbon | Example News</title>
<meta name="description" content="{standfirst}">
<meta name="author" content="Ana Silva">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<header><h1>Lumora opens a store in Lisbon</h1><p class="standfirst">{standfirst}</p></header>
<article><div class="article-body">
{paragraphs}</div></article>
<footer>Copyright Example News</footer>
</body></html>"#
    )
}

/// `storyline extract` on `page`, with `args` after the file; its standard output.
fn extract_page(page: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lisbon.html");
    std::fs::write(&file, page).unwrap();
    let mut all = vec!["extract", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = storyline(dir.path(), &all);
    assert!(out.status.success(), "extract failed: {}", stderr(&out));
    stdout(&out)
}

/// The paragraphs and the removed and added blocks of `extract --json --explain`.
fn explained(page: &str) -> (Vec<String>, Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let json = extract_page(page, &["--json", "--explain"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(value["title"], "Lumora opens a store in Lisbon");
    let body = value["paragraphs"]
        .as_array()
        .expect("the body's paragraphs")
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let blocks = |key: &str| value[key].as_array().expect("a block list").clone();
    (body, blocks("removed"), blocks("added"))
}

#[test]
fn explain_lists_what_was_cut_from_an_english_page_with_its_dek() {
    let (body, removed, added) = explained(&page("en", DEK, &ENGLISH));
    assert!(
        body[0].starts_with("Lumora opened its first store"),
        "{body:?}"
    );
    assert!(
        !body.iter().any(|p| p == DEK),
        "the dek stays out: {body:?}"
    );
    assert!(!body.iter().any(|p| p.contains("Reporting by")), "{body:?}");
    assert!(added.is_empty(), "{added:?}");
    let reason_of = |text: &str| {
        removed
            .iter()
            .find(|block| block["text"].as_str().unwrap().starts_with(text))
            .map(|block| block["reason"].as_str().unwrap().to_string())
    };
    assert!(reason_of(DEK).expect("the dek is listed").contains("dek"));
    assert!(reason_of("Reporting by Ana Silva").is_some(), "{removed:?}");
}

#[test]
fn explain_lists_a_vorspann_put_back_at_the_top_of_a_german_page() {
    let (body, _, added) = explained(&page("de", VORSPANN, &GERMAN));
    assert_eq!(body.first().map(String::as_str), Some(VORSPANN), "{body:?}");
    assert!(body
        .iter()
        .any(|p| p.starts_with("Vorstandschefin Mira Laine")));
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["text"], VORSPANN);
    assert!(added[0]["reason"].as_str().unwrap().contains("description"));
}

#[test]
fn plain_output_names_the_added_lead() {
    let text = extract_page(&page("de", VORSPANN, &GERMAN), &["--explain"]);
    assert!(
        text.starts_with("title     Lumora opens a store in Lisbon\n"),
        "{text}"
    );
    let added = text
        .split("--- added (1 blocks)\n")
        .nth(1)
        .expect("an added section");
    assert!(
        added.contains("lead restored from the page's description"),
        "{added}"
    );
}

#[test]
fn plain_output_names_the_cut_credit_and_dek() {
    let text = extract_page(&page("en", DEK, &ENGLISH), &["--explain"]);
    let removed = text.split("--- removed").nth(1).expect("a removed section");
    assert!(removed.contains("Reporting by Ana Silva"), "{removed}");
    assert!(removed.contains(DEK), "{removed}");
}

#[test]
fn a_missing_file_is_one_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.html");
    let out = storyline(dir.path(), &["extract", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("nowhere.html"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
