-- labs.md LAB-31 (issue 18): a product names the free research Order (freeBasis = lab_research) its inputs came
-- from, so that its Listing can be refused. Null: not derived from an Order.
ALTER TABLE data_product ADD COLUMN derived_from_order_id uuid REFERENCES product_order(id);
