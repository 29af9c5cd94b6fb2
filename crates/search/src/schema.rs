//! The index schema: one tantivy document per article.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::tokenize;

/// Bumped whenever the schema or the way documents are built changes: an index written
/// by another version is rebuilt rather than read wrongly. Part of every digest, too.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The article id: indexed whole (for upserts), stored, fast (for the sync scan).
    pub id: Field,
    pub title: Field,
    pub body: Field,
    /// Chinese articles only: title and body again, as jieba words.
    pub title_zh: Field,
    pub body_zh: Field,
    /// As given (stored), searched lowercased (`site:bbc.co.uk`).
    pub site: Field,
    pub lang: Field,
    /// Event and storyline ids, as the store names them.
    pub event: Field,
    pub storyline: Field,
    /// The publication date as the article states it ("2019", "2019-11", "2019-11-05").
    pub published: Field,
    /// The first and last day the publication date may be: a date filter keeps the
    /// articles whose span meets the wanted range, so a year-only date is not forced
    /// onto January 1st.
    pub published_first: Field,
    pub published_last: Field,
    /// Seconds of `published_first`, for the newest-first order of a query without words.
    pub sort_ts: Field,
    /// `/site/<site>`, `/lang/<lang>`, `/year/<yyyy>`.
    pub facets: Field,
    /// What was indexed, hashed: the sync with the store re-indexes only what changed.
    pub digest: Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenize::KEYWORD)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    let day = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED | FAST),
        title: builder.add_text_field("title", text(tokenize::TEXT, true)),
        body: builder.add_text_field("body", text(tokenize::TEXT, true)),
        title_zh: builder.add_text_field("title_zh", text(tokenize::CHINESE, false)),
        body_zh: builder.add_text_field("body_zh", text(tokenize::CHINESE, false)),
        site: builder.add_text_field("site", keyword.clone()),
        lang: builder.add_text_field("lang", keyword),
        event: builder.add_text_field("event", STRING | STORED),
        storyline: builder.add_text_field("storyline", STRING | STORED),
        published: builder.add_text_field("published", STORED),
        published_first: builder.add_date_field("published_first", day.clone()),
        published_last: builder.add_date_field("published_last", day),
        sort_ts: builder.add_i64_field("sort_ts", FAST),
        facets: builder.add_facet_field("facets", INDEXED),
        digest: builder.add_u64_field("digest", FAST),
    };
    (builder.build(), fields)
}
