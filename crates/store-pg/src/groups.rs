//! The grouping (copies, events, storylines), replaced whole, as on SQLite.

use std::collections::HashMap;

use postgres::{GenericClient, IsolationLevel, Transaction};
use storyline_model::{ArticleId, DuplicateGroup, Event, Grouping, Storyline};
use storyline_store::{codec, ArticleGroups, GroupIds, StoreError};

use crate::error::{database, is_unique_violation, PgContext};
use crate::PgStore;

const CLEAR_GROUPING: &str = "
    DELETE FROM storyline_articles;
    DELETE FROM storyline_events;
    DELETE FROM storylines;
    DELETE FROM event_articles;
    DELETE FROM events;
    DELETE FROM duplicates;
    DELETE FROM duplicate_groups;";

/// Serialises grouping writers: in READ COMMITTED, each statement after the lock sees
/// what the previous writer committed, so the DELETEs clear its rows too.
const GROUPING_LOCK: &str =
    "SELECT pg_advisory_xact_lock(hashtext('storyline.grouping.' || current_schema()))";

/// The same lock held by the session across a whole regroup (read, group, save). A
/// session holding it also gets the transaction-level one in `save_grouping` at once
/// (PostgreSQL grants a session a lock it already holds), and a worker that dies gives
/// it back with its connection.
const GROUPING_SESSION_LOCK: &str =
    "SELECT pg_advisory_lock(hashtext('storyline.grouping.' || current_schema()))";
const GROUPING_SESSION_UNLOCK: &str =
    "SELECT pg_advisory_unlock(hashtext('storyline.grouping.' || current_schema()))";

/// A unique violation is the grouping's fault (an id twice), anything else the database's.
fn insert_error(
    error: postgres::Error,
    invalid: impl FnOnce() -> String,
    context: String,
) -> StoreError {
    if is_unique_violation(&error) {
        StoreError::InvalidGrouping { reason: invalid() }
    } else {
        database(context, error)
    }
}

fn save_duplicates(tx: &mut Transaction<'_>, groups: &[DuplicateGroup]) -> Result<(), StoreError> {
    let group_stmt = tx
        .prepare("INSERT INTO duplicate_groups (position, canonical_id, kinds) VALUES ($1, $2, $3)")
        .context(|| "preparing the duplicate group insert".to_string())?;
    let copy_stmt = tx
        .prepare(
            "INSERT INTO duplicates (copy_id, canonical_id, group_position, member_position, kind)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .context(|| "preparing the duplicate insert".to_string())?;
    for (position, group) in groups.iter().enumerate() {
        let canonical = group.canonical.as_str();
        let kinds = codec::to_json(&group.kinds, "duplicate kinds", canonical)?;
        tx.execute(&group_stmt, &[&(position as i64), &canonical, &kinds])
            .context(|| format!("saving the duplicate group of {canonical}"))?;
        for (member, copy) in group.copies.iter().enumerate() {
            let kind = group.kinds.get(member);
            tx.execute(
                &copy_stmt,
                &[
                    &copy.as_str(),
                    &canonical,
                    &(position as i64),
                    &(member as i64),
                    &kind,
                ],
            )
            .map_err(|e| {
                insert_error(
                    e,
                    || format!("article {copy} is listed as a copy in more than one group (again under {canonical})"),
                    format!("saving copy {copy} of {canonical}"),
                )
            })?;
        }
    }
    Ok(())
}

fn save_events(tx: &mut Transaction<'_>, events: &[Event]) -> Result<(), StoreError> {
    let event_stmt = tx
        .prepare("INSERT INTO events (id, position, title, first, last, sites) VALUES ($1, $2, $3, $4, $5, $6)")
        .context(|| "preparing the event insert".to_string())?;
    let member_stmt = tx
        .prepare("INSERT INTO event_articles (event_id, position, article_id) VALUES ($1, $2, $3)")
        .context(|| "preparing the event member insert".to_string())?;
    for (position, event) in events.iter().enumerate() {
        let sites = codec::to_json(&event.sites, "event sites", &event.id)?;
        tx.execute(
            &event_stmt,
            &[
                &event.id,
                &(position as i64),
                &event.title,
                &event.first.map(|d| d.to_string()),
                &event.last.map(|d| d.to_string()),
                &sites,
            ],
        )
        .map_err(|e| {
            insert_error(
                e,
                || format!("event id {} appears more than once", event.id),
                format!("saving event {}", event.id),
            )
        })?;
        for (member, article) in event.articles.iter().enumerate() {
            tx.execute(
                &member_stmt,
                &[&event.id, &(member as i64), &article.as_str()],
            )
            .context(|| format!("saving article {article} of event {}", event.id))?;
        }
    }
    Ok(())
}

fn save_storylines(tx: &mut Transaction<'_>, storylines: &[Storyline]) -> Result<(), StoreError> {
    let storyline_stmt = tx
        .prepare(
            "INSERT INTO storylines (id, position, title, first, last) VALUES ($1, $2, $3, $4, $5)",
        )
        .context(|| "preparing the storyline insert".to_string())?;
    let event_stmt = tx
        .prepare(
            "INSERT INTO storyline_events (storyline_id, position, event_id) VALUES ($1, $2, $3)",
        )
        .context(|| "preparing the storyline event insert".to_string())?;
    let article_stmt = tx
        .prepare("INSERT INTO storyline_articles (storyline_id, position, article_id) VALUES ($1, $2, $3)")
        .context(|| "preparing the storyline article insert".to_string())?;
    for (position, storyline) in storylines.iter().enumerate() {
        let id = &storyline.id;
        tx.execute(
            &storyline_stmt,
            &[
                id,
                &(position as i64),
                &storyline.title,
                &storyline.first.map(|d| d.to_string()),
                &storyline.last.map(|d| d.to_string()),
            ],
        )
        .map_err(|e| {
            insert_error(
                e,
                || format!("storyline id {id} appears more than once"),
                format!("saving storyline {id}"),
            )
        })?;
        for (member, event) in storyline.events.iter().enumerate() {
            tx.execute(&event_stmt, &[id, &(member as i64), event])
                .context(|| format!("saving event {event} of storyline {id}"))?;
        }
        for (member, article) in storyline.articles.iter().enumerate() {
            tx.execute(&article_stmt, &[id, &(member as i64), &article.as_str()])
                .context(|| format!("saving article {article} of storyline {id}"))?;
        }
    }
    Ok(())
}

/// Ids of one member list, in saved order.
fn members(
    client: &mut impl GenericClient,
    sql: &str,
    owner: &str,
    what: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(client
        .query(sql, &[&owner])
        .context(|| format!("reading {what} of {owner}"))?
        .into_iter()
        .map(|row| row.get(0))
        .collect())
}

fn load_duplicates(client: &mut impl GenericClient) -> Result<Vec<DuplicateGroup>, StoreError> {
    let rows = client
        .query(
            "SELECT position, canonical_id, kinds FROM duplicate_groups ORDER BY position",
            &[],
        )
        .context(|| "reading duplicate groups".to_string())?;
    let mut groups = Vec::with_capacity(rows.len());
    for row in rows {
        let (position, canonical, kinds): (i64, String, String) =
            (row.get(0), row.get(1), row.get(2));
        let copies = client
            .query(
                "SELECT copy_id FROM duplicates WHERE group_position = $1 ORDER BY member_position",
                &[&position],
            )
            .context(|| format!("reading copies of {canonical}"))?
            .into_iter()
            .map(|row| ArticleId(row.get(0)))
            .collect();
        groups.push(DuplicateGroup {
            kinds: codec::from_json(&kinds, "duplicate kinds", &canonical)?,
            canonical: ArticleId(canonical),
            copies,
        });
    }
    Ok(groups)
}

fn load_events(client: &mut impl GenericClient) -> Result<Vec<Event>, StoreError> {
    let rows = client
        .query(
            "SELECT id, title, first, last, sites FROM events ORDER BY position",
            &[],
        )
        .context(|| "reading events".to_string())?;
    let mut events = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.get(0);
        let articles = members(
            client,
            "SELECT article_id FROM event_articles WHERE event_id = $1 ORDER BY position",
            &id,
            "event articles",
        )?;
        events.push(Event {
            title: row.get(1),
            articles: articles.into_iter().map(ArticleId).collect(),
            sites: codec::from_json(row.get(4), "event sites", &id)?,
            first: codec::parse_optional_date(row.get(2), "event first date", &id)?,
            last: codec::parse_optional_date(row.get(3), "event last date", &id)?,
            id,
        });
    }
    Ok(events)
}

fn load_storylines(client: &mut impl GenericClient) -> Result<Vec<Storyline>, StoreError> {
    let rows = client
        .query(
            "SELECT id, title, first, last FROM storylines ORDER BY position",
            &[],
        )
        .context(|| "reading storylines".to_string())?;
    let mut storylines = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.get(0);
        let events = members(
            client,
            "SELECT event_id FROM storyline_events WHERE storyline_id = $1 ORDER BY position",
            &id,
            "storyline events",
        )?;
        let articles = members(
            client,
            "SELECT article_id FROM storyline_articles WHERE storyline_id = $1 ORDER BY position",
            &id,
            "storyline articles",
        )?;
        storylines.push(Storyline {
            title: row.get(1),
            events,
            articles: articles.into_iter().map(ArticleId).collect(),
            first: codec::parse_optional_date(row.get(2), "storyline first date", &id)?,
            last: codec::parse_optional_date(row.get(3), "storyline last date", &id)?,
            id,
        });
    }
    Ok(storylines)
}

fn first_of(
    client: &mut impl GenericClient,
    sql: &str,
    key: &str,
    what: &str,
) -> Result<Option<String>, StoreError> {
    Ok(client
        .query_opt(sql, &[&key])
        .context(|| format!("looking up the {what} of {key}"))?
        .map(|row| row.get(0)))
}

fn groups_of(client: &mut impl GenericClient, id: &str) -> Result<ArticleGroups, StoreError> {
    let event = first_of(
        client,
        "SELECT ea.event_id FROM event_articles ea JOIN events e ON e.id = ea.event_id
         WHERE ea.article_id = $1 ORDER BY e.position LIMIT 1",
        id,
        "event",
    )?;
    let mut storyline = first_of(
        client,
        "SELECT sa.storyline_id FROM storyline_articles sa JOIN storylines s ON s.id = sa.storyline_id
         WHERE sa.article_id = $1 ORDER BY s.position LIMIT 1",
        id,
        "storyline",
    )?;
    if storyline.is_none() {
        // A storyline may list only its events; reach it through the article's event.
        if let Some(event) = &event {
            storyline = first_of(
                client,
                "SELECT se.storyline_id FROM storyline_events se
                 JOIN storylines s ON s.id = se.storyline_id
                 WHERE se.event_id = $1 ORDER BY s.position LIMIT 1",
                event,
                "storyline of event",
            )?;
        }
    }
    Ok(ArticleGroups {
        duplicate_of: first_of(
            client,
            "SELECT canonical_id FROM duplicates WHERE copy_id = $1",
            id,
            "canonical copy",
        )?
        .map(ArticleId),
        event,
        storyline,
    })
}

impl PgStore {
    /// The groups of one article: (canonical copy it duplicates, its event, its storyline).
    pub fn article_groups(&self, id: &str) -> Result<GroupIds, StoreError> {
        let groups = groups_of(&mut *self.client(), id)?;
        Ok((groups.duplicate_of, groups.event, groups.storyline))
    }

    /// The groups of many articles at once, from one snapshot; ids in no group map to
    /// the default (all `None`).
    pub fn article_groups_bulk(
        &self,
        ids: &[ArticleId],
    ) -> Result<HashMap<ArticleId, ArticleGroups>, StoreError> {
        let mut client = self.client();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .context(|| "starting the group lookup".to_string())?;
        let mut found = HashMap::with_capacity(ids.len());
        for id in ids {
            found.insert(id.clone(), groups_of(&mut tx, id.as_str())?);
        }
        tx.commit()
            .context(|| "ending the group lookup".to_string())?;
        Ok(found)
    }

    /// Replace the stored grouping with `grouping`, atomically: readers see the old one
    /// or the new one, never a mix; an invalid grouping leaves the old one in place.
    pub fn save_grouping(&mut self, grouping: &Grouping) -> Result<(), StoreError> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .context(|| "starting the grouping transaction".to_string())?;
        tx.batch_execute(GROUPING_LOCK)
            .context(|| "waiting for the grouping lock".to_string())?;
        tx.batch_execute(CLEAR_GROUPING)
            .context(|| "clearing the previous grouping".to_string())?;
        save_duplicates(&mut tx, &grouping.duplicates)?;
        save_events(&mut tx, &grouping.events)?;
        save_storylines(&mut tx, &grouping.storylines)?;
        tx.commit()
            .context(|| "committing the grouping".to_string())
    }

    /// Wait for and take the grouping lock until [`PgStore::unlock_grouping`]: a regroup
    /// under it reads every article the other workers have committed and saves its
    /// grouping before the next regroup reads, so the last regroup's grouping is the
    /// grouping of every stored article, whichever worker stored which.
    pub fn lock_grouping(&mut self) -> Result<(), StoreError> {
        self.client()
            .batch_execute(GROUPING_SESSION_LOCK)
            .context(|| "waiting for the grouping lock".to_string())
    }

    /// Give the grouping lock back.
    pub fn unlock_grouping(&mut self) -> Result<(), StoreError> {
        self.client()
            .batch_execute(GROUPING_SESSION_UNLOCK)
            .context(|| "releasing the grouping lock".to_string())
    }

    /// The stored grouping, in the order it was saved, read from one snapshot.
    pub fn grouping(&self) -> Result<Grouping, StoreError> {
        let mut client = self.client();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .context(|| "starting the grouping read".to_string())?;
        let grouping = Grouping {
            duplicates: load_duplicates(&mut tx)?,
            events: load_events(&mut tx)?,
            storylines: load_storylines(&mut tx)?,
        };
        tx.commit()
            .context(|| "ending the grouping read".to_string())?;
        Ok(grouping)
    }
}
