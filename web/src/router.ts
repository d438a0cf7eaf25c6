// Routes of the UI (history mode, base "/"), each page with the operation it needs; a guard
// restores the session and sends a role to its home when it may not use a page.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session, restoreSession } from './session';
import { can, homeFor, type Operation } from './lib/roles';

declare module 'vue-router' {
  interface RouteMeta { op?: Operation; public?: boolean; titleKey?: string }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./components/AppShell.vue'),
    children: [
      { path: '', name: 'home', redirect: () => homeFor(session.user?.role) },
      { path: 'dashboard', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { op: 'dashboard.read', titleKey: 'menu.dashboard' } },
      // Analytics and assessment (decision 0008): a region's figures and poverty measures, the
      // scorecards of its counties or townships.
      { path: 'analytics', name: 'analytics', component: () => import('./pages/AnalyticsPage.vue'), meta: { op: 'dashboard.read', titleKey: 'menu.analytics' } },
      { path: 'assessment', name: 'assessment', component: () => import('./pages/AssessmentPage.vue'), meta: { op: 'assessment.read', titleKey: 'menu.assessment' } },
      // The verification samples (核查抽样) of the scope's counties and one sample with its visits.
      { path: 'samples', name: 'samples', component: () => import('./pages/SamplesPage.vue'), meta: { op: 'assessment.read', titleKey: 'menu.samples' } },
      { path: 'samples/:id(\\d+)', name: 'sample', component: () => import('./pages/SamplePage.vue'), meta: { op: 'assessment.read', titleKey: 'samples.sampleTitle' } },
      { path: 'households', name: 'households', component: () => import('./pages/HouseholdSearchPage.vue'), meta: { op: 'household.list', titleKey: 'menu.households' } },
      { path: 'households/:id', name: 'household', component: () => import('./pages/HouseholdFilePage.vue'), meta: { op: 'household.read', titleKey: 'household.title' } },
      // Assistance (decision 0008): plans (a household's plan is where its coordination findings
      // lead), responsible persons and visits, the measures catalogue.
      { path: 'households/:id/plan', name: 'household-plan', component: () => import('./pages/PlanPage.vue'), meta: { op: 'case.read', titleKey: 'plans.title' } },
      { path: 'plans', name: 'plans', component: () => import('./pages/PlansPage.vue'), meta: { op: 'case.read', titleKey: 'menu.plans' } },
      { path: 'plans/:id', name: 'plan', component: () => import('./pages/PlanPage.vue'), meta: { op: 'case.read', titleKey: 'plans.title' } },
      { path: 'responsibility', name: 'responsibility', component: () => import('./pages/ResponsibilityPage.vue'), meta: { op: 'case.read', titleKey: 'menu.responsibility' } },
      { path: 'measure-catalog', name: 'measure-catalog', component: () => import('./pages/MeasureCatalogPage.vue'), meta: { op: 'case.read', titleKey: 'menu.measureCatalog' } },
      { path: 'warnings', name: 'warnings', component: () => import('./pages/WarningsPage.vue'), meta: { op: 'warning.list', titleKey: 'menu.warnings' } },
      { path: 'imports', name: 'imports', component: () => import('./pages/ImportPage.vue'), meta: { op: 'import.read', titleKey: 'menu.imports' } },
      // Department data (decision 0006): sources, uploading a file, an upload, quality by month.
      { path: 'sources', name: 'sources', component: () => import('./pages/SourcesPage.vue'), meta: { op: 'source.read', titleKey: 'menu.sources' } },
      { path: 'source-upload', name: 'source-upload', component: () => import('./pages/SourceUploadPage.vue'), meta: { op: 'source.upload', titleKey: 'menu.sourceUpload' } },
      { path: 'uploads/:id', name: 'upload', component: () => import('./pages/UploadPage.vue'), meta: { op: 'source.read', titleKey: 'uploadDetail.page' } },
      { path: 'source-quality', name: 'source-quality', component: () => import('./pages/SourceQualityPage.vue'), meta: { op: 'quality.read', titleKey: 'menu.sourceQuality' } },
      { path: 'findings', name: 'findings', component: () => import('./pages/FindingsPage.vue'), meta: { op: 'finding.read', titleKey: 'menu.findings' } },
      { path: 'standards', name: 'standards', component: () => import('./pages/StandardsPage.vue'), meta: { op: 'standard.read', titleKey: 'menu.standards' } },
      { path: 'standards/draft', name: 'standard-draft', component: () => import('./pages/StandardDraftPage.vue'), meta: { op: 'standard.whatif', titleKey: 'draft.title' } },
      { path: 'standards/:hash', name: 'standard', component: () => import('./pages/StandardViewPage.vue'), meta: { op: 'standard.read', titleKey: 'standard.title' } },
      { path: 'runs', name: 'runs', component: () => import('./pages/RunsPage.vue'), meta: { op: 'run.list', titleKey: 'menu.runs' } },
      { path: 'worklist', name: 'worklist', component: () => import('./pages/WorklistPage.vue'), meta: { op: 'case.read', titleKey: 'menu.worklist' } },
      { path: 'cases', name: 'cases', component: () => import('./pages/CasesPage.vue'), meta: { op: 'case.read', titleKey: 'menu.cases' } },
      { path: 'cases/:id', name: 'case', component: () => import('./pages/CasePage.vue'), meta: { op: 'case.read', titleKey: 'case.title' } },
      { path: 'notices/:village?', name: 'notices', component: () => import('./pages/NoticesPage.vue'), meta: { op: 'case.read', titleKey: 'menu.notices' } },
      { path: 'applications', name: 'applications', component: () => import('./pages/ApplicationsPage.vue'), meta: { op: 'case.read', titleKey: 'menu.applications' } },
      { path: 'elimination', name: 'elimination', component: () => import('./pages/EliminationPage.vue'), meta: { op: 'elimination.read', titleKey: 'menu.elimination' } },
      { path: 'elimination/quality', name: 'quality', component: () => import('./pages/QualityPage.vue'), meta: { op: 'elimination.quality', titleKey: 'menu.quality' } },
      { path: 'deadlines', name: 'deadlines', component: () => import('./pages/DeadlinesPage.vue'), meta: { op: 'case.read', titleKey: 'menu.deadlines' } },
      { path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { op: 'audit.read', titleKey: 'menu.audit' } },
      { path: 'users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { op: 'user.admin', titleKey: 'menu.users' } },
    ],
  },
  // The page a village's QR code leads to: no account, outside the shell (decision 0005).
  { path: '/apply/:village', name: 'apply', component: () => import('./pages/ApplyPage.vue'), meta: { public: true } },
  // The village's poster with that page's QR code, for officers, outside the shell so that it prints alone.
  { path: '/poster/:village', name: 'poster', component: () => import('./pages/PosterPage.vue'), meta: { op: 'case.read' } },
  // One unit's scorecard, outside the shell so that it prints alone.
  { path: '/assessment/print/:region', name: 'assessment-print', component: () => import('./pages/ScorecardPrintPage.vue'), meta: { op: 'assessment.read' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const signedIn = await restoreSession();
  if (!signedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  const op = to.meta.op;
  if (op && !can(session.user?.role, op)) return homeFor(session.user?.role);
  return true;
});
