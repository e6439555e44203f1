import type { ReactNode } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { BudgetEditorScreen } from '../budgets/BudgetEditorScreen';
import { AgreePlanScreen } from './AgreePlanScreen';
import { CompareVersionsScreen } from './CompareVersionsScreen';
import { ConversationScreen } from './ConversationScreen';
import { ExportPlanScreen } from './ExportPlanScreen';
import { PlanEditorScreen } from './PlanEditorScreen';
import { PlanOverviewScreen } from './PlanOverviewScreen';
import { PlanVersionsScreen } from './PlanVersionsScreen';
import { SharedScreen } from './SharedScreen';

/**
 * A person's care and support plan, nested under /people/:id/plan. Reading needs people:read;
 * `writable` wraps the screens that change the plan.
 */
export function PlanRoutes({ writable }: { writable: (screen: ReactNode) => ReactNode }) {
  return (
    <Switch>
      <Route path="/">
        <PlanOverviewScreen />
      </Route>
      <Route path="/conversation">{writable(<ConversationScreen />)}</Route>
      <Route path="/edit">{writable(<PlanEditorScreen />)}</Route>
      <Route path="/shared">{writable(<SharedScreen />)}</Route>
      <Route path="/agree">{writable(<AgreePlanScreen />)}</Route>
      <Route path="/budget">{writable(<BudgetEditorScreen />)}</Route>
      <Route path="/versions">
        <PlanVersionsScreen />
      </Route>
      <Route path="/export">
        <ExportPlanScreen />
      </Route>
      <Route path="/compare">
        <CompareVersionsScreen />
      </Route>
      <Route>
        <Redirect to="/" replace />
      </Route>
    </Switch>
  );
}
