-- Multi-instance bodies and their inner instances, as Zeebe keeps them on its element instances:
-- per body, how many inner instances it created, and how many completed or were terminated (the
-- completion condition's numberOf... variables, and when the body is done); per inner instance, its
-- loop counter (1 for the first item), which a variable named loopCounter set by a worker cannot change.
-- A row lives as long as its element instance.
CREATE TABLE engine_multi_instance_body (
  element_instance_key BIGINT PRIMARY KEY,
  created              INT NOT NULL,
  completed            INT NOT NULL,
  terminated           INT NOT NULL
);

CREATE TABLE engine_multi_instance_inner (
  element_instance_key BIGINT PRIMARY KEY,
  body_key             BIGINT NOT NULL,
  loop_counter         INT NOT NULL
);
CREATE INDEX engine_multi_instance_inner_body ON engine_multi_instance_inner (body_key);
