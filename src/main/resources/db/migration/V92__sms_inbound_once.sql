-- Each inbound SMS is acted on once: a captured START replayed after the customer's STOP (same
-- MessageSid, so the same valid signature) must change nothing.
CREATE TABLE sms_inbound (
  message_sid VARCHAR(64) NOT NULL PRIMARY KEY,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
