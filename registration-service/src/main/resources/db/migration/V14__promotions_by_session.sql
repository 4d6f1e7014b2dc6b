-- The session a promotion gave a seat in (null for every other outcome) and when each outcome was decided (null for
-- those applied before this column), so that the door can tell a person promoted after their session began (a
-- no-show release, decision 0029, or a seat freed late) that the seat is theirs now: they may not have read the
-- email yet (decision 0031). The decision's own time, not the time applied, so that a rebuilt read model says the same.
alter table outcomes add column session_id text;
alter table outcomes add column decided_at timestamptz;

create index outcomes_promoted on outcomes (registration_id, session_id) where kind = 'PROMOTED';
