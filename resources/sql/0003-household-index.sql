-- 0003: households are listed, and their rules checked, by head: index the link.
CREATE INDEX recipient_household ON recipient (household_id);
