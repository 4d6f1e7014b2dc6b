-- The optional consent (news about future events) is versioned like the terms and the privacy notice, and can be
-- withdrawn on the manage page (decision 0043). A registration has at most one optional consent, so its version
-- and its withdrawal are columns of the registration: optional_consent becomes false, newsletter_version keeps
-- the version that was withdrawn, newsletter_withdrawn_at says when. Rows from before keep a null version.
alter table registrations
    add column newsletter_version      text,
    add column newsletter_withdrawn_at timestamptz;
