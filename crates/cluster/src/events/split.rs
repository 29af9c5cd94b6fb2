//! The checks that split an event: a young event holding two weakly linked groups
//! ([`EventConfig::split_below`]) and a frozen event whose late articles hold a later
//! happening ([`EventConfig::late_split_link`]). Both work on the pair scores of the
//! members involved, held as they join, and move a group out as a live event of its own.

use chrono::NaiveDate;
use rustc_hash::FxHashSet;

use super::{prepared_pair_score, EventClusterer, EventState, Member, LIVE_REPRESENTATIVES};
use crate::config::{EventConfig, SPLIT_MIN_GROUP};
use crate::features::DocFeatures;
use crate::linkage::{groups_linked_at, sub_triangle, two_groups};

impl EventClusterer {
    /// The pair scores of the article loaded in `self.query` with each kept member of
    /// `event`, when the event holds pair scores for the split check (see
    /// [`EventConfig::split_below`]): it is live, splits are on, and it still keeps every
    /// member (one more must not push a member out).
    pub(super) fn link_row(&self, event: usize) -> Option<Vec<f32>> {
        let state = &self.events[event];
        let holds_links = !state.frozen
            && self.config.split_below > 0.0
            && state.members.len() == state.kept.len()
            && state.kept.len() < LIVE_REPRESENTATIVES;
        holds_links.then(|| {
            state
                .kept
                .iter()
                .map(|m| {
                    prepared_pair_score(&self.query, &self.vocabulary, &self.config, &m.features)
                })
                .collect()
        })
    }

    /// Splits `event` when its kept members (all of its members) fall into two groups of
    /// at least [`SPLIT_MIN_GROUP`] linked less than `split_below` on average; the group
    /// without the first member becomes a new event. Returns the event now holding the
    /// latest member.
    pub(super) fn split_if_two_groups(&mut self, event: usize) -> usize {
        let state = &self.events[event];
        let n = state.kept.len();
        if n < 2 * SPLIT_MIN_GROUP {
            return event;
        }
        let (moving, link) = two_groups(n, &state.links);
        let moved = moving.iter().filter(|&&m| m).count();
        if link >= self.config.split_below || moved < SPLIT_MIN_GROUP || n - moved < SPLIT_MIN_GROUP
        {
            return event;
        }
        let state = &mut self.events[event];
        let kept = std::mem::take(&mut state.kept);
        let links = std::mem::take(&mut state.links);
        let (stay, stay_links, go, go_links) = partition(kept, &links, &moving);
        let latest_moves = moving[n - 1];
        let (first_day, last_day) = day_range(&stay);
        state.members = stay.iter().map(|m| m.position).collect();
        state.kept = stay;
        state.links = stay_links;
        state.first_day = first_day;
        state.last_day = last_day;
        let new = self.open_group(go, go_links);
        self.relist_from_kept(event);
        if latest_moves {
            new
        } else {
            event
        }
    }

    /// Opens a live event of the members a split moved out, with their pair scores.
    fn open_group(&mut self, members: Vec<Member>, links: Vec<f32>) -> usize {
        self.events.push(EventState::live(members, links));
        let new = self.events.len() - 1;
        self.live.push(new);
        self.relist_from_kept(new);
        new
    }

    /// Adds a late member to a frozen event's tail (see [`EventConfig::late_split_link`])
    /// and moves the newest member's group out when it is a later happening. Returns the
    /// event now holding the member.
    pub(super) fn grow_tail(
        &mut self,
        event: usize,
        position: usize,
        day: Option<NaiveDate>,
        features: DocFeatures,
    ) -> usize {
        if self.events[event].tail.len() >= LIVE_REPRESENTATIVES {
            return event;
        }
        let row: Vec<f32> = self.events[event]
            .tail
            .iter()
            .map(|m| prepared_pair_score(&self.query, &self.vocabulary, &self.config, &m.features))
            .collect();
        if self.events[event].tail.is_empty() {
            self.tailed.push(event);
        }
        let state = &mut self.events[event];
        state.tail_links.extend(row);
        state.tail.push(Member {
            position,
            day,
            features,
        });
        let Some(moving) = later_group(&state.tail, &state.tail_links, &self.config) else {
            return event;
        };
        let tail = std::mem::take(&mut state.tail);
        let links = std::mem::take(&mut state.tail_links);
        let (stay, stay_links, go, go_links) = partition(tail, &links, &moving);
        let leaving: FxHashSet<usize> = go.iter().map(|m| m.position).collect();
        state.members.retain(|p| !leaving.contains(p));
        // The event's time is that of the articles it still holds.
        state.last_day = day_range(&stay).1.max(state.summary_last_day);
        state.tail = stay;
        state.tail_links = stay_links;
        // The newest member is always in the group that leaves.
        self.open_group(go, go_links)
    }
}

/// Members split by `moving` into those that stay and those that go, each with the pair
/// scores among its own members.
fn partition(
    members: Vec<Member>,
    links: &[f32],
    moving: &[bool],
) -> (Vec<Member>, Vec<f32>, Vec<Member>, Vec<f32>) {
    let side =
        |go: bool| -> Vec<usize> { (0..moving.len()).filter(|&i| moving[i] == go).collect() };
    let (stay_links, go_links) = (
        sub_triangle(links, &side(false)),
        sub_triangle(links, &side(true)),
    );
    let (mut stay, mut go) = (Vec::new(), Vec::new());
    for (member, &moves) in members.into_iter().zip(moving) {
        if moves {
            go.push(member);
        } else {
            stay.push(member);
        }
    }
    (stay, stay_links, go, go_links)
}

/// Which of a frozen event's late members leave (see [`EventConfig::late_split_link`]):
/// the newest member's group under average linkage, when it and the rest each hold at
/// least [`SPLIT_MIN_GROUP`] members and it mostly comes after all of the rest.
fn later_group(tail: &[Member], links: &[f32], config: &EventConfig) -> Option<Vec<bool>> {
    let n = tail.len();
    if n < 2 * SPLIT_MIN_GROUP {
        return None;
    }
    let group = groups_linked_at(n, links, config.late_split_link);
    let moving: Vec<bool> = group.iter().map(|&g| g == group[n - 1]).collect();
    let moved = moving.iter().filter(|&&m| m).count();
    if moved < SPLIT_MIN_GROUP || n - moved < SPLIT_MIN_GROUP {
        return None;
    }
    // Two weakly linked groups over the same days are two sides of one story; a group
    // that mostly comes after the other is a new happening. Undated, it cannot be told.
    let days = |go: bool| {
        tail.iter()
            .zip(&moving)
            .filter(move |(_, &m)| m == go)
            .filter_map(|(t, _)| t.day)
    };
    let stay_last = days(false).max()?;
    let go_days: Vec<NaiveDate> = days(true).collect();
    let later = go_days.iter().filter(|&&d| d > stay_last).count();
    (!go_days.is_empty() && 2 * later >= go_days.len()).then_some(moving)
}

/// The first and last publication day of the dated members.
fn day_range(members: &[Member]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let days = members.iter().filter_map(|m| m.day);
    (days.clone().min(), days.max())
}
