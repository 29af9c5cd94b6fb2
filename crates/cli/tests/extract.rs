//! `storyline extract FILE`: one page's extraction for someone debugging a source, with
//! `--explain` listing what was cut and what was put back, each with its reason.

mod common;

use common::{stderr, stdout, storyline};

const LEAD: &str =
    "The scooter maker picks Portugal for its first shop abroad, a year ahead of plan.";

fn page() -> String {
    let paragraphs: String = [
        "Lumora opened its first store outside Finland in Lisbon on Friday, selling electric scooters and battery modules to commuters in the Portuguese capital.",
        "The shop on Rua Augusta has a repair corner where owners can have batteries tested while they wait, the company said in a statement.",
        "Chief executive Mira Laine said the company had planned to enter southern Europe in 2020 but moved the date forward after strong demand from Portuguese customers.",
        "Lumora expects to open two more stores in Spain next year and is looking for a site in Madrid, according to people familiar with the plans.",
        "Reporting by Ana Silva; Editing by John Doe",
    ]
    .iter()
    .map(|p| format!("<p>{p}</p>\n"))
    .collect();
    format!(
        r#"<!DOCTYPE html><html lang="en"><head>
<title>Lumora opens a store in Lisbon | Example News</title>
<meta name="description" content="{LEAD}">
<meta name="author" content="Ana Silva">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a></nav>
<header><h1>Lumora opens a store in Lisbon</h1><p class="standfirst">{LEAD}</p></header>
<article><div class="article-body">
{paragraphs}</div></article>
<footer>Copyright Example News</footer>
</body></html>"#
    )
}

/// `storyline extract` on the page, with `args` after the file; its standard output.
fn extract_page(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lisbon.html");
    std::fs::write(&file, page()).unwrap();
    let mut all = vec!["extract", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = storyline(dir.path(), &all);
    assert!(out.status.success(), "extract failed: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn explain_lists_what_was_cut_and_what_was_put_back() {
    let json = extract_page(&["--json", "--explain"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(value["title"], "Lumora opens a store in Lisbon");
    let body: Vec<&str> = value["paragraphs"]
        .as_array()
        .expect("the body's paragraphs")
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        body.first(),
        Some(&LEAD),
        "the lead opens the body: {body:?}"
    );
    assert!(body
        .iter()
        .any(|p| p.starts_with("Chief executive Mira Laine")));
    assert!(!body.iter().any(|p| p.contains("Reporting by")), "{body:?}");
    let added = value["added"].as_array().expect("added blocks");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["text"], LEAD);
    assert!(added[0]["reason"].as_str().unwrap().contains("description"));
    let removed = value["removed"].as_array().expect("removed blocks");
    assert!(
        removed.iter().any(|block| block["text"]
            .as_str()
            .unwrap()
            .starts_with("Reporting by Ana Silva")),
        "{removed:?}"
    );
}

#[test]
fn plain_output_names_the_added_lead_and_the_cut_credit() {
    let text = extract_page(&["--explain"]);
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
    let removed = text.split("--- removed").nth(1).expect("a removed section");
    assert!(removed.contains("Reporting by Ana Silva"), "{removed}");
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
