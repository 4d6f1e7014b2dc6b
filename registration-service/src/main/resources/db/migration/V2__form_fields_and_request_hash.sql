-- What the web form adds to a registration, and the consent texts the registrant agreed to (their versions).
alter table registrations
    add column sector                  text,
    add column terms_version           text,
    add column privacy_version         text,
    add column optional_consent        boolean not null default false,
    -- SHA-256 of the request as sent with an Idempotency-Key: the same key with another body is refused.
    add column request_hash            text;
