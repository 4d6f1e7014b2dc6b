-- The notification-service keeps its record of sent emails and their recipients in a database of its own.
CREATE DATABASE notification OWNER registration;
