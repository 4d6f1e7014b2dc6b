-- When the event's personal data was erased after its retention period (issue 14): null while it is kept. From then
-- on the event's registrations keep their status, sessions and sector (the organiser's statistics), not who they were.
alter table events add column personal_data_erased_at timestamptz;
