-- A registration row is written before its command is sent, so that no database connection is held while the
-- broker acknowledges; it counts as accepted (a 202 was or will be given) only once the broker has the command.
alter table registrations
    add column accepted boolean not null default true;
