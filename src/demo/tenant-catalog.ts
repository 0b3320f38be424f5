// Static catalogues the tenant model draws from: names, departments, applications, directory roles.

export const FIRST_NAMES = [
  'Mara', 'Jonas', 'Aisha', 'Liam', 'Sofia', 'Kenji', 'Priya', 'Mateo', 'Elena', 'Noah', 'Amara', 'Lucas', 'Ingrid',
  'Omar', 'Chloe', 'Ravi', 'Hannah', 'Diego', 'Yuki', 'Fatima', 'Erik', 'Zara', 'Tomas', 'Leila', 'Ben', 'Anya',
  'Kwame', 'Isabel', 'Felix', 'Mei', 'Sven', 'Nadia', 'Arjun', 'Clara', 'Hugo', 'Ines', 'Dmitri', 'Grace', 'Pablo', 'Signe',
] as const;
export const LAST_NAMES = [
  'Ilves', 'Berg', 'Okafor', 'Murphy', 'Rossi', 'Tanaka', 'Sharma', 'Garcia', 'Popescu', 'Smith', 'Mensah', 'Martin',
  'Larsen', 'Haddad', 'Dubois', 'Iyer', 'Fischer', 'Lopez', 'Sato', 'Khan', 'Lindqvist', 'Ahmed', 'Novak', 'Karimi',
  'Clarke', 'Volkova', 'Boateng', 'Silva', 'Wagner', 'Chen', 'Nilsson', 'Petrova', 'Patel', 'Moreau', 'Costa', 'Kowalski',
  'Ivanov', 'Walsh', 'Romero', 'Tamm',
] as const;

export const DEPARTMENTS = [
  { name: 'Engineering', weight: 30, titles: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager', 'SRE'] },
  { name: 'Sales', weight: 16, titles: ['Account Executive', 'Sales Manager', 'Sales Development Rep'] },
  { name: 'Marketing', weight: 8, titles: ['Marketing Specialist', 'Content Lead', 'Growth Manager'] },
  { name: 'Finance', weight: 7, titles: ['Accountant', 'Financial Analyst', 'Controller'] },
  { name: 'Human Resources', weight: 5, titles: ['HR Partner', 'Recruiter', 'People Operations Lead'] },
  { name: 'Customer Support', weight: 14, titles: ['Support Engineer', 'Support Lead', 'Customer Success Manager'] },
  { name: 'Operations', weight: 8, titles: ['Operations Analyst', 'Office Manager', 'Procurement Specialist'] },
  { name: 'Legal', weight: 3, titles: ['Counsel', 'Paralegal'] },
  { name: 'IT', weight: 9, titles: ['IT Administrator', 'Service Desk Analyst', 'Security Engineer', 'Identity Engineer'] },
] as const;

export const TENANT_NAMES = [
  { name: 'Northwind Labs', domain: 'northwind-labs.example' },
  { name: 'Fabrikam Outdoor', domain: 'fabrikam-outdoor.example' },
  { name: 'Tailspin Analytics', domain: 'tailspin-analytics.example' },
  { name: 'Woodgrove Health', domain: 'woodgrove-health.example' },
] as const;

export const PARTNER_TENANTS = [
  { name: 'Contoso Partners', domain: 'contoso-partners.example' },
  { name: 'Litware Consulting', domain: 'litware.example' },
  { name: 'Adatum Audit', domain: 'adatum-audit.example' },
] as const;

export type AppKind = 'microsoft' | 'tenant' | 'saas';
export type AppUse = 'portal' | 'mail' | 'files' | 'chat' | 'admin' | 'business' | 'customerPortal';

export interface AppSpec {
  readonly displayName: string;
  /** Well-known Microsoft app ids are fixed; others are drawn per tenant. */
  readonly appId?: string;
  readonly kind: AppKind;
  readonly use: AppUse;
  readonly resource: { readonly displayName: string; readonly id?: string };
  /** Share of users who use this app interactively. */
  readonly reach: number;
  /** Relative weight of interactive sign-ins among a user's apps. */
  readonly weight: number;
  readonly saml?: boolean;
}

const GRAPH = { displayName: 'Microsoft Graph', id: '00000003-0000-0000-c000-000000000000' };
const EXO = { displayName: 'Office 365 Exchange Online', id: '00000002-0000-0ff1-ce00-000000000000' };
const SPO = { displayName: 'Office 365 SharePoint Online', id: '00000003-0000-0ff1-ce00-000000000000' };

export const APP_CATALOG: readonly AppSpec[] = [
  { displayName: 'OfficeHome', appId: '4765445b-32c6-49b0-83e6-1d93765276ca', kind: 'microsoft', use: 'portal', resource: GRAPH, reach: 1, weight: 20 },
  { displayName: 'Microsoft Outlook', appId: '5d661950-3475-41cd-a2c3-d671a3162bc1', kind: 'microsoft', use: 'mail', resource: EXO, reach: 1, weight: 18 },
  { displayName: 'OneDrive SyncEngine', appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763', kind: 'microsoft', use: 'files', resource: SPO, reach: 0.9, weight: 8 },
  { displayName: 'Microsoft Teams', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', kind: 'microsoft', use: 'chat', resource: { displayName: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' }, reach: 0.95, weight: 14 },
  { displayName: 'Azure Portal', appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', kind: 'microsoft', use: 'admin', resource: { displayName: 'Windows Azure Service Management API', id: '797f4846-ba00-4fd7-ba43-dac1f8f63013' }, reach: 0.12, weight: 4 },
  { displayName: 'Expense Portal', kind: 'tenant', use: 'portal', resource: { displayName: 'Expense Portal API' }, reach: 0.6, weight: 4 },
  { displayName: 'HR Self-Service', kind: 'tenant', use: 'business', resource: { displayName: 'HR Self-Service API' }, reach: 0.5, weight: 3 },
  { displayName: 'Customer Portal', kind: 'tenant', use: 'customerPortal', resource: { displayName: 'Customer Portal API' }, reach: 0.2, weight: 3 },
  { displayName: 'Salesforce', kind: 'saas', use: 'business', resource: { displayName: 'Salesforce' }, reach: 0.3, weight: 8, saml: true },
  { displayName: 'Slack', kind: 'saas', use: 'chat', resource: { displayName: 'Slack' }, reach: 0.45, weight: 6, saml: true },
  { displayName: 'Zoom', kind: 'saas', use: 'business', resource: { displayName: 'Zoom' }, reach: 0.5, weight: 4, saml: true },
  { displayName: 'ServiceNow', kind: 'saas', use: 'business', resource: { displayName: 'ServiceNow' }, reach: 0.35, weight: 4, saml: true },
  { displayName: 'GitHub Enterprise Cloud', kind: 'saas', use: 'business', resource: { displayName: 'GitHub Enterprise Cloud' }, reach: 0.3, weight: 6, saml: true },
  { displayName: 'Workday', kind: 'saas', use: 'business', resource: { displayName: 'Workday' }, reach: 0.6, weight: 2, saml: true },
];

/** Non-interactive token refreshes: which client refreshes tokens for which resource. */
export const BACKGROUND_CLIENTS = [
  { displayName: 'Microsoft Office', appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', resource: GRAPH },
  { displayName: 'Microsoft Outlook', appId: '5d661950-3475-41cd-a2c3-d671a3162bc1', resource: EXO },
  { displayName: 'OneDrive SyncEngine', appId: 'ab9b8c07-8f02-4f72-87fa-80105867a763', resource: SPO },
  { displayName: 'Microsoft Teams', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', resource: { displayName: 'Microsoft Teams Services', id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe' } },
] as const;

export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** Built-in directory roles (template ids are the real ones). */
export const DIRECTORY_ROLES = [
  { displayName: 'Global Administrator', templateId: '62e90394-69f5-4237-9190-012177145e10' },
  { displayName: 'Privileged Role Administrator', templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814' },
  { displayName: 'User Administrator', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
  { displayName: 'Security Administrator', templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d' },
  { displayName: 'Application Administrator', templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3' },
  { displayName: 'Cloud Application Administrator', templateId: '158c047a-c907-4556-b7ef-446551a6b5f7' },
  { displayName: 'Helpdesk Administrator', templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' },
  { displayName: 'Global Reader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' },
  { displayName: 'Reports Reader', templateId: '4a5d8f65-41da-4de4-8968-e035b65339cf' },
] as const;

export const GROUP_NAMES = [
  'All Employees', 'Engineering', 'Sales Team', 'Finance Approvers', 'HR Confidential', 'Support Tier 2', 'IT Admins',
  'VPN Users', 'Salesforce Users', 'GitHub Org Members', 'Project Atlas', 'Project Borealis', 'Guests - Partners',
  'Legacy Mail Exception', 'MFA Registration Pilot', 'London Office', 'New York Office', 'Berlin Office',
] as const;

export const WORKLOADS = [
  { displayName: 'Invoice Sync Job', target: 'Microsoft Graph', perDay: 96 },
  { displayName: 'Backup Agent', target: 'Office 365 SharePoint Online', perDay: 48 },
  { displayName: 'CRM Connector', target: 'Microsoft Graph', perDay: 144 },
  { displayName: 'Monitoring Exporter', target: 'Microsoft Graph', perDay: 288 },
  { displayName: 'Terraform CI', target: 'Windows Azure Service Management API', perDay: 24 },
  { displayName: 'Mail Archiver', target: 'Office 365 Exchange Online', perDay: 72 },
] as const;

export const MANAGED_IDENTITIES = [
  { displayName: 'func-payroll-export', msiType: 'systemAssigned', resource: 'Microsoft Graph', perDay: 96 },
  { displayName: 'id-reporting-etl', msiType: 'userAssigned', resource: 'Azure Key Vault', perDay: 48 },
  { displayName: 'vm-build-agent-01', msiType: 'systemAssigned', resource: 'Azure Storage', perDay: 144 },
] as const;
