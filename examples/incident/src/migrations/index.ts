// The list handed to the DataSource. This file is matched by the migrations glob but is a
// registry, not a migration: it has no up()/down() and creates nothing.
import { CreateOrganizations1714060800000 } from './1714060800000-CreateOrganizations.js';
import { CreateUsers1714579200000 } from './1714579200000-CreateUsers.js';
import { CreateApiKeys1716249600000 } from './1716249600000-CreateApiKeys.js';
import { AddCreditLedger1718841600000 } from './1718841600000-AddCreditLedger.js';
import { DropUnusedApiKeys1719446400000 } from './1719446400000-DropUnusedApiKeys.js';

export const migrations = [
  CreateOrganizations1714060800000,
  CreateUsers1714579200000,
  CreateApiKeys1716249600000,
  AddCreditLedger1718841600000,
  DropUnusedApiKeys1719446400000,
];
