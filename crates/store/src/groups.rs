//! The grouping of the store (copies, events, storylines), replaced as a whole.
//!
//! Groups reference article ids without foreign keys: a grouping is computed from the
//! articles and saved in one step, and checking ids here would tie the store to the
//! order in which other components write.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use storyline_model::{ArticleId, DuplicateGroup, Event, Grouping, Storyline};

use crate::codec;
use crate::error::{Context, StoreError};
use crate::Store;

/// The groups one article belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleGroups {
    /// The canonical article, when this one is a copy.
    pub duplicate_of: Option<ArticleId>,
    pub event: Option<String>,
    pub storyline: Option<String>,
}

/// (the canonical article it copies, its event id, its storyline id), as
/// [`Store::article_groups`] returns them.
pub type GroupIds = (Option<ArticleId>, Option<String>, Option<String>);

const CLEAR_GROUPING: &str = "
    DELETE FROM storyline_articles;
    DELETE FROM storyline_events;
    DELETE FROM storylines;
    DELETE FROM event_articles;
    DELETE FROM events;
    DELETE FROM duplicates;
    DELETE FROM duplicate_groups;";

fn save_duplicates(tx: &Transaction<'_>, groups: &[DuplicateGroup]) -> Result<(), StoreError> {
    let mut group_stmt = tx
        .prepare_cached(
            "INSERT INTO duplicate_groups (position, canonical_id, kinds) VALUES (?1, ?2, ?3)",
        )
        .context(|| "preparing the duplicate group insert".to_string())?;
    let mut copy_stmt = tx
        .prepare_cached(
            "INSERT INTO duplicates (copy_id, canonical_id, group_position, member_position, kind)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .context(|| "preparing the duplicate insert".to_string())?;
    for (position, group) in groups.iter().enumerate() {
        let canonical = group.canonical.as_str();
        let kinds = codec::to_json(&group.kinds, "duplicate kinds", canonical)?;
        group_stmt
            .execute(params![position as i64, canonical, kinds])
            .context(|| format!("saving the duplicate group of {canonical}"))?;
        for (member, copy) in group.copies.iter().enumerate() {
            // Kinds are parallel to copies when the clusterer gives one per copy.
            let kind = group.kinds.get(member);
            copy_stmt
                .execute(params![
                    copy.as_str(),
                    canonical,
                    position as i64,
                    member as i64,
                    kind
                ])
                .map_err(|e| duplicate_copy_error(e, copy, canonical))?;
        }
    }
    Ok(())
}

fn duplicate_copy_error(e: rusqlite::Error, copy: &ArticleId, canonical: &str) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        return StoreError::InvalidGrouping {
            reason: format!("article {copy} is listed as a copy in more than one group (again under {canonical})"),
        };
    }
    StoreError::Database {
        context: format!("saving copy {copy} of {canonical}"),
        source: Box::new(e),
    }
}

fn save_events(tx: &Transaction<'_>, events: &[Event]) -> Result<(), StoreError> {
    let mut event_stmt = tx
        .prepare_cached(
            "INSERT INTO events (id, position, title, first, last, sites) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .context(|| "preparing the event insert".to_string())?;
    let mut member_stmt = tx
        .prepare_cached(
            "INSERT INTO event_articles (event_id, position, article_id) VALUES (?1, ?2, ?3)",
        )
        .context(|| "preparing the event member insert".to_string())?;
    for (position, event) in events.iter().enumerate() {
        let sites = codec::to_json(&event.sites, "event sites", &event.id)?;
        event_stmt
            .execute(params![
                event.id,
                position as i64,
                event.title,
                event.first.map(|d| d.to_string()),
                event.last.map(|d| d.to_string()),
                sites,
            ])
            .map_err(|e| id_error(e, "event", &event.id))?;
        for (member, article) in event.articles.iter().enumerate() {
            member_stmt
                .execute(params![event.id, member as i64, article.as_str()])
                .context(|| format!("saving article {article} of event {}", event.id))?;
        }
    }
    Ok(())
}

fn save_storylines(tx: &Transaction<'_>, storylines: &[Storyline]) -> Result<(), StoreError> {
    let mut storyline_stmt = tx
        .prepare_cached(
            "INSERT INTO storylines (id, position, title, first, last) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .context(|| "preparing the storyline insert".to_string())?;
    let mut event_stmt = tx
        .prepare_cached(
            "INSERT INTO storyline_events (storyline_id, position, event_id) VALUES (?1, ?2, ?3)",
        )
        .context(|| "preparing the storyline event insert".to_string())?;
    let mut article_stmt = tx
        .prepare_cached(
            "INSERT INTO storyline_articles (storyline_id, position, article_id) VALUES (?1, ?2, ?3)",
        )
        .context(|| "preparing the storyline article insert".to_string())?;
    for (position, storyline) in storylines.iter().enumerate() {
        let id = &storyline.id;
        storyline_stmt
            .execute(params![
                id,
                position as i64,
                storyline.title,
                storyline.first.map(|d| d.to_string()),
                storyline.last.map(|d| d.to_string()),
            ])
            .map_err(|e| id_error(e, "storyline", id))?;
        for (member, event) in storyline.events.iter().enumerate() {
            event_stmt
                .execute(params![id, member as i64, event])
                .context(|| format!("saving event {event} of storyline {id}"))?;
        }
        for (member, article) in storyline.articles.iter().enumerate() {
            article_stmt
                .execute(params![id, member as i64, article.as_str()])
                .context(|| format!("saving article {article} of storyline {id}"))?;
        }
    }
    Ok(())
}

fn id_error(e: rusqlite::Error, kind: &str, id: &str) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        return StoreError::InvalidGrouping {
            reason: format!("{kind} id {id} appears more than once"),
        };
    }
    StoreError::Database {
        context: format!("saving {kind} {id}"),
        source: Box::new(e),
    }
}

/// Ids of one member list, in saved order.
fn members(
    conn: &Connection,
    sql: &str,
    owner: &str,
    what: &str,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn
        .prepare_cached(sql)
        .context(|| format!("preparing the {what} query"))?;
    let ids = stmt
        .query_map([owner], |row| row.get(0))
        .context(|| format!("reading {what} of {owner}"))?
        .collect::<Result<Vec<String>, _>>()
        .context(|| format!("reading {what} of {owner}"))?;
    Ok(ids)
}

fn load_duplicates(conn: &Connection) -> Result<Vec<DuplicateGroup>, StoreError> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT position, canonical_id, kinds FROM duplicate_groups ORDER BY position",
        )
        .context(|| "preparing the duplicate group query".to_string())?;
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .context(|| "reading duplicate groups".to_string())?
        .collect::<Result<Vec<_>, _>>()
        .context(|| "reading duplicate groups".to_string())?;
    let mut copies_stmt = conn
        .prepare_cached(
            "SELECT copy_id FROM duplicates WHERE group_position = ?1 ORDER BY member_position",
        )
        .context(|| "preparing the duplicate copies query".to_string())?;
    let mut groups = Vec::with_capacity(rows.len());
    for (position, canonical, kinds) in rows {
        let copies = copies_stmt
            .query_map([position], |row| row.get::<_, String>(0).map(ArticleId))
            .context(|| format!("reading copies of {canonical}"))?
            .collect::<Result<Vec<_>, _>>()
            .context(|| format!("reading copies of {canonical}"))?;
        groups.push(DuplicateGroup {
            kinds: codec::from_json(&kinds, "duplicate kinds", &canonical)?,
            canonical: ArticleId(canonical),
            copies,
        });
    }
    Ok(groups)
}

/// (id, title, first, last, extra JSON column or empty) rows of events or storylines.
type GroupRow = (String, String, Option<String>, Option<String>, String);

fn load_group_rows(conn: &Connection, sql: &str, what: &str) -> Result<Vec<GroupRow>, StoreError> {
    let mut stmt = conn
        .prepare_cached(sql)
        .context(|| format!("preparing the {what} query"))?;
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .context(|| format!("reading {what}"))?
        .collect::<Result<Vec<GroupRow>, _>>()
        .context(|| format!("reading {what}"))?;
    Ok(rows)
}

fn load_events(conn: &Connection) -> Result<Vec<Event>, StoreError> {
    let rows = load_group_rows(
        conn,
        "SELECT id, title, first, last, sites FROM events ORDER BY position",
        "events",
    )?;
    rows.into_iter()
        .map(|(id, title, first, last, sites)| {
            let articles = members(
                conn,
                "SELECT article_id FROM event_articles WHERE event_id = ?1 ORDER BY position",
                &id,
                "event articles",
            )?;
            Ok(Event {
                title,
                articles: articles.into_iter().map(ArticleId).collect(),
                sites: codec::from_json(&sites, "event sites", &id)?,
                first: codec::parse_optional_date(first, "event first date", &id)?,
                last: codec::parse_optional_date(last, "event last date", &id)?,
                id,
            })
        })
        .collect()
}

fn load_storylines(conn: &Connection) -> Result<Vec<Storyline>, StoreError> {
    let rows = load_group_rows(
        conn,
        "SELECT id, title, first, last, '' FROM storylines ORDER BY position",
        "storylines",
    )?;
    rows.into_iter()
        .map(|(id, title, first, last, _)| {
            let events = members(
                conn,
                "SELECT event_id FROM storyline_events WHERE storyline_id = ?1 ORDER BY position",
                &id,
                "storyline events",
            )?;
            let articles = members(
                conn,
                "SELECT article_id FROM storyline_articles WHERE storyline_id = ?1 ORDER BY position",
                &id,
                "storyline articles",
            )?;
            Ok(Storyline {
                title,
                events,
                articles: articles.into_iter().map(ArticleId).collect(),
                first: codec::parse_optional_date(first, "storyline first date", &id)?,
                last: codec::parse_optional_date(last, "storyline last date", &id)?,
                id,
            })
        })
        .collect()
}

fn groups_of(conn: &Connection, id: &str) -> Result<ArticleGroups, StoreError> {
    let first_of = |sql: &str, what: &str| -> Result<Option<String>, StoreError> {
        let mut stmt = conn
            .prepare_cached(sql)
            .context(|| format!("preparing the {what} lookup"))?;
        stmt.query_row([id], |row| row.get(0))
            .optional()
            .context(|| format!("looking up the {what} of article {id}"))
    };
    let event = first_of(
        "SELECT ea.event_id FROM event_articles ea JOIN events e ON e.id = ea.event_id
         WHERE ea.article_id = ?1 ORDER BY e.position LIMIT 1",
        "event",
    )?;
    let mut storyline = first_of(
        "SELECT sa.storyline_id FROM storyline_articles sa JOIN storylines s ON s.id = sa.storyline_id
         WHERE sa.article_id = ?1 ORDER BY s.position LIMIT 1",
        "storyline",
    )?;
    if storyline.is_none() {
        // A storyline may list only its events; reach it through the article's event.
        if let Some(event) = &event {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT se.storyline_id FROM storyline_events se
                     JOIN storylines s ON s.id = se.storyline_id
                     WHERE se.event_id = ?1 ORDER BY s.position LIMIT 1",
                )
                .context(|| "preparing the storyline-by-event lookup".to_string())?;
            storyline = stmt
                .query_row([event], |row| row.get(0))
                .optional()
                .context(|| format!("looking up the storyline of event {event}"))?;
        }
    }
    Ok(ArticleGroups {
        duplicate_of: first_of(
            "SELECT canonical_id FROM duplicates WHERE copy_id = ?1",
            "canonical copy",
        )?
        .map(ArticleId),
        event,
        storyline,
    })
}

impl Store {
    /// Replace the stored grouping with `grouping`, atomically: readers see the old
    /// one or the new one, never a mix.
    pub fn save_grouping(&mut self, grouping: &Grouping) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction()
            .context(|| "starting the grouping transaction".to_string())?;
        tx.execute_batch(CLEAR_GROUPING)
            .context(|| "clearing the previous grouping".to_string())?;
        save_duplicates(&tx, &grouping.duplicates)?;
        save_events(&tx, &grouping.events)?;
        save_storylines(&tx, &grouping.storylines)?;
        tx.commit()
            .context(|| "committing the grouping".to_string())
    }

    /// The stored grouping, in the order it was saved (empty if none was saved).
    pub fn grouping(&self) -> Result<Grouping, StoreError> {
        // One read transaction, so a concurrent save cannot be seen half-way.
        let tx = self
            .conn
            .unchecked_transaction()
            .context(|| "starting the grouping read".to_string())?;
        let grouping = Grouping {
            duplicates: load_duplicates(&tx)?,
            events: load_events(&tx)?,
            storylines: load_storylines(&tx)?,
        };
        tx.finish()
            .context(|| "ending the grouping read".to_string())?;
        Ok(grouping)
    }

    /// The groups of one article: (canonical copy it duplicates, its event, its storyline).
    pub fn article_groups(&self, id: &str) -> Result<GroupIds, StoreError> {
        let groups = groups_of(&self.conn, id)?;
        Ok((groups.duplicate_of, groups.event, groups.storyline))
    }

    /// The groups of many articles at once (for listings); ids in no group map to the
    /// default (all `None`).
    pub fn article_groups_bulk(
        &self,
        ids: &[ArticleId],
    ) -> Result<HashMap<ArticleId, ArticleGroups>, StoreError> {
        let tx = self
            .conn
            .unchecked_transaction()
            .context(|| "starting the group lookup".to_string())?;
        let mut found = HashMap::with_capacity(ids.len());
        for id in ids {
            found.insert(id.clone(), groups_of(&tx, id.as_str())?);
        }
        tx.finish()
            .context(|| "ending the group lookup".to_string())?;
        Ok(found)
    }
}
