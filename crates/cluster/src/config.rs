//! Clustering settings. Defaults are fixed (chosen once on the shared benchmark sets) and
//! never tuned at run time.

use serde::{Deserialize, Serialize};

/// Which pairs of articles may be called copies of each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DedupScope {
    /// Any two articles, whatever their site.
    #[default]
    All,
    /// Only articles of different sites (or site groups): syndication, not a site's own edits.
    AcrossSites,
    /// Only articles of the same site (or site group).
    WithinSite,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupConfig {
    pub scope: DedupScope,
    /// Named groups of sites treated as one publisher: (group, member domains).
    pub site_groups: Vec<(String, Vec<String>)>,
    /// Words per shingle.
    pub shingle_words: usize,
    /// MinHash bands × rows = permutations; 42 × 3 puts the LSH threshold near Jaccard 0.29,
    /// well below the verification thresholds, so candidates are rarely missed.
    pub bands: usize,
    pub rows: usize,
    /// Verified Jaccard of shingle sets at or above which two texts are near copies.
    pub near_jaccard: f32,
    /// Share of the shorter text's shingles found in the longer one for a contained copy.
    pub contained_min: f32,
    /// A contained copy needs at least this many shingles (a sentence or two is a quote, not a copy).
    pub min_contained_shingles: usize,
    /// Whole paragraphs two articles must share for one to quote the other.
    pub min_shared_paragraphs: usize,
    /// Paragraphs with at least this many words are indexed whole to find quoted blocks.
    pub min_paragraph_words: usize,
    /// Articles published more than this many days before the latest one are dropped from
    /// the index, which bounds its memory on a long stream; a copy arriving later than
    /// that is not matched with them (a repost months later is not called a copy). `None`
    /// (the default, for grouping a whole collection, which may arrive in any date order)
    /// keeps every article, so memory grows with the collection; see
    /// [`DedupConfig::streaming`].
    #[serde(default)]
    pub window_days: Option<i64>,
}

/// The dedup window of [`DedupConfig::streaming`].
pub const STREAM_DEDUP_WINDOW_DAYS: i64 = 30;

impl DedupConfig {
    /// The defaults with a window of [`STREAM_DEDUP_WINDOW_DAYS`] days: the settings for
    /// an endless time-ordered stream, where memory must stay bounded.
    pub fn streaming() -> Self {
        Self {
            window_days: Some(STREAM_DEDUP_WINDOW_DAYS),
            ..Self::default()
        }
    }
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            scope: DedupScope::All,
            site_groups: Vec::new(),
            shingle_words: 3,
            bands: 42,
            rows: 3,
            near_jaccard: 0.5,
            contained_min: 0.8,
            min_contained_shingles: 40,
            min_paragraph_words: 12,
            min_shared_paragraphs: 3,
            window_days: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventConfig {
    /// An event takes no new article more than this many days after its latest one; older
    /// events are frozen and their vectors dropped, which bounds memory.
    pub window_days: i64,
    /// Score multiplier for an event whose latest article is outside the window (its
    /// frozen representatives are still compared: events can run for months).
    pub beyond_window_factor: f32,
    /// Minimum combined similarity for an article to join an event.
    pub join_threshold: f32,
    /// How many of an event's most similar articles are averaged (with the best one).
    pub nearest_k: usize,
    /// Weight of title-to-title similarity in the combined score.
    pub title_weight: f32,
    /// Weight of entity overlap in the combined score.
    pub entity_weight: f32,
    /// Below this body similarity an article joins only when it shares an entity.
    pub entity_gate_below: f32,
    /// ...unless the headlines agree at least this much: one story spells a name two
    /// ways ("Morsi", "Mohammed Morsi") or names it only in the headline.
    #[serde(default = "default_gate_title_above")]
    pub gate_title_above: f32,
    /// A frozen event whose latest article is more than this many days before the latest
    /// one is archived: its summary leaves the index and no new article joins it (its
    /// members stay). `None` (the default: on news-cluster, articles join events more than
    /// a year old) keeps every frozen event's bounded summary, about 1 KiB per event; see
    /// [`EventConfig::streaming`].
    #[serde(default)]
    pub archive_days: Option<i64>,
    /// An article joins an event beyond the window only when its headline agrees with
    /// the event's (its best kept member, or its frozen summary) at least this much: a
    /// story that resumes after a quiet spell comes back under a similar headline, while a
    /// new happening on the same subject (the same country, company or team) has a
    /// headline of its own. 0 turns the check off.
    #[serde(default = "default_late_join_title_above")]
    pub late_join_title_above: f32,
    /// A live event whose members fall into two groups (average linkage, each of at least
    /// [`SPLIT_MIN_GROUP`] articles) linked less than this on average is split in two, the
    /// group without the event's first article becoming an event of its own: one borderline
    /// join (a new happening on the same subject, the same day or the same team) lets
    /// every later article of that happening follow it into the old event, while the two
    /// groups taken as wholes would never have joined. Checked on each join while every
    /// member is still kept (see `LIVE_REPRESENTATIVES`); earlier placements of the moved
    /// articles are superseded. 0 turns the check off. The default sits in the middle of
    /// 0.15-0.18, the only range at the best on news-cluster both as dated and with every
    /// second article's date dropped, and within 0.003 of the best with every date dropped
    /// (undated articles never freeze an event, so more events stay young enough to split).
    #[serde(default = "default_split_below")]
    pub split_below: f32,
    /// The same check for a frozen event's *late* articles (those it took after freezing,
    /// through its summary, which holds the subject's words rather than the happening's):
    /// they are grouped by average linkage, merging while the mean link is at least this.
    /// When the newest late article's group has at least [`SPLIT_MIN_GROUP`] articles,
    /// leaves as many late ones behind, and mostly comes after all of them, it becomes an
    /// event of its own: a new happening on an old subject (Kim's olive branch after
    /// months of missile launches). Groups over the same days are two sides of one story
    /// and stay. 0 turns the check off. On news-cluster every value from 0.18 to 0.30
    /// gives the same grouping; see docs/benchmarks.md for the choice.
    #[serde(default = "default_late_split_link")]
    pub late_split_link: f32,
    /// Days after its latest article that a frozen event keeps its late articles for that
    /// check (up to `LIVE_REPRESENTATIVES` of them): the bound on what the check holds on a
    /// long stream.
    #[serde(default = "default_late_tail_days")]
    pub late_tail_days: i64,
}

/// Articles each side of a split needs (see [`EventConfig::split_below`]): a pair of short
/// articles is too noisy to stand as a happening of its own.
pub const SPLIT_MIN_GROUP: usize = 3;

fn default_gate_title_above() -> f32 {
    EventConfig::default().gate_title_above
}

fn default_late_join_title_above() -> f32 {
    EventConfig::default().late_join_title_above
}

fn default_split_below() -> f32 {
    EventConfig::default().split_below
}

fn default_late_split_link() -> f32 {
    EventConfig::default().late_split_link
}

fn default_late_tail_days() -> i64 {
    EventConfig::default().late_tail_days
}

/// The archive horizon of [`EventConfig::streaming`].
pub const STREAM_ARCHIVE_DAYS: i64 = 365;

impl EventConfig {
    /// The defaults with an archive horizon of [`STREAM_ARCHIVE_DAYS`] days: for an endless
    /// stream, where even one summary per event would grow without bound.
    pub fn streaming() -> Self {
        Self {
            archive_days: Some(STREAM_ARCHIVE_DAYS),
            ..Self::default()
        }
    }
}

impl Default for EventConfig {
    fn default() -> Self {
        Self {
            window_days: 14,
            beyond_window_factor: 0.85,
            join_threshold: 0.13,
            nearest_k: 3,
            title_weight: 0.25,
            entity_weight: 0.15,
            entity_gate_below: 0.3,
            gate_title_above: 0.25,
            archive_days: None,
            late_join_title_above: 0.25,
            split_below: 0.16,
            late_split_link: 0.28,
            late_tail_days: 90,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorylineConfig {
    /// Two events link when the main entity of one is among this many leading entities
    /// of the other.
    pub leading_entities: usize,
    /// Key entities kept per event.
    pub key_features: usize,
    /// A storyline needs at least this many events.
    pub min_events: usize,
}

impl Default for StorylineConfig {
    fn default() -> Self {
        Self {
            leading_entities: 3,
            key_features: 5,
            min_events: 2,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    pub dedup: DedupConfig,
    pub events: EventConfig,
    pub storylines: StorylineConfig,
}
