-- The session a promotion gave a seat in (null for every other outcome), so that the door can tell a person
-- promoted since their session began (a no-show release, decision 0029, or a seat freed late) that the seat is
-- theirs now: they may not have read the email yet (decision 0031).
alter table outcomes add column session_id text;

create index outcomes_promoted on outcomes (registration_id, session_id) where kind = 'PROMOTED';
