import { createRoute } from '@hono/zod-openapi';
import { ProjectVocabularyAnswer } from '../contract/projects.ts';
import {
  assumableFields, projectActions, projectItems, projectLimits, projectStatuses, projectStatusNames, projectUnits, residentialPartyOrganisationExample,
} from '../contract/vocabulary/projects.ts';
import { createRouter } from './router.ts';

/**
 * The project form's vocabulary for clients that do not share our code (the dashboard imports
 * vocabulary/projects.ts itself). Mounted at /projects.
 */
export function createProjectVocabularyRoutes() {
  return createRouter().openapi(
    createRoute({
      method: 'get', path: '/vocabulary', summary: 'The six actions, sixteen items, statuses, lead units and limits of the project form',
      responses: { 200: { description: 'Vocabulary', content: { 'application/json': { schema: ProjectVocabularyAnswer } } } },
    }),
    (context) => context.json({
      actions: projectActions.map((action) => ({ ...action, items: action.items.map((item) => ({ item, ...projectItems[item] })) })),
      statuses: projectStatuses.map((status) => ({ key: status, nameZh: projectStatusNames[status].zh, nameEn: projectStatusNames[status].en })),
      units: [...projectUnits],
      residentialPartyOrganisation: residentialPartyOrganisationExample,
      assumableFields: [...assumableFields],
      limits: projectLimits,
    }, 200),
  );
}
