//! The server keeps its search index open and checks it against the store by the
//! store's search token only: these tests make sure a query still sees every write made
//! after the index was cached, whether through the server or by another store handle
//! (as `storyline ingest` in another process does), and a reindex.

mod common;

use common::{demo_corpus, TestServer, TOKEN};

fn total(server: &TestServer, word: &str) -> u64 {
    let page = server.json(&format!("/api/search?q={word}"));
    page["total"].as_u64().unwrap_or_else(|| panic!("{page}"))
}

#[test]
fn search_sees_writes_made_after_the_index_was_cached() {
    let server = TestServer::start(&[demo_corpus()], Some(TOKEN));
    // The first queries open the index and cache it.
    assert!(total(&server, "Lumora") > 0);
    assert_eq!(total(&server, "zorblaxian"), 0);
    assert_eq!(total(&server, "quilvorant"), 0);

    // A write through the server.
    let doc = b"---\ntitle: Zorblaxian ferries resume\ndate: 2022-03-04\nsite: example.test\n---\n\nThe zorblaxian ferries resumed service on 4 March 2022 after a two-week strike.\n";
    let reply = server.post(
        "/api/ingest?name=ferries.md",
        Some(&format!("Bearer {TOKEN}")),
        doc,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = server.json("/api/search?q=zorblaxian");
    assert_eq!(page["total"], 1, "{page}");
    let hit = &page["items"][0];
    assert!(
        hit["snippet"].as_str().unwrap().contains("zorblaxian") && hit["highlights"][0].is_array(),
        "the new article's snippet highlights the word: {hit}"
    );

    // A write by another store handle, as a CLI ingest beside the server makes it.
    let file = server.data.path().join("outside.md");
    std::fs::write(
        &file,
        "---\ntitle: Quilvorant harvest\ndate: 2022-05-06\nsite: example.test\n---\n\nThe quilvorant harvest was the largest on record, growers said on 6 May 2022.\n",
    )
    .unwrap();
    {
        let mut store = storyline_store::Store::open(server.data.path()).unwrap();
        let summary = storyline_app::ingest_paths(
            &mut store,
            &[file.display().to_string()],
            &storyline_pipeline::PipelineOptions::default(),
            &(),
        )
        .unwrap();
        assert_eq!(summary.ingested, 1);
    }
    assert_eq!(total(&server, "quilvorant"), 1);

    // A rebuild of the index by another handle leaves the answers as they were.
    let before = total(&server, "Lumora");
    {
        let store = storyline_store::Store::open(server.data.path()).unwrap();
        storyline_app::reindex(&store).unwrap();
    }
    assert_eq!(total(&server, "Lumora"), before);
    assert_eq!(total(&server, "zorblaxian"), 1);
}
