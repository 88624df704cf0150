"""Corrections remember what the navigator saw (the extracted value, the identity of list items);
pages keep the small straightening angle OCR applied, so page images match their word boxes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extracted_value', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('item_keys', sa.JSON(), nullable=True))
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('skew', sa.Float(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_column('skew')
    with op.batch_alter_table('corrections', schema=None) as batch_op:
        batch_op.drop_column('item_keys')
        batch_op.drop_column('extracted_value')
