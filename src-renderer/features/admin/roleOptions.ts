import { roleDescriptions, roleLabels, roles } from '../../../src-shared/contract';

export const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role], hint: roleDescriptions[role] }));
