import { OpenAPIHono } from '@hono/zod-openapi';

/**
 * A sub-app whose request validation failures answer 400 with the schema's own messages,
 * naming the parameter, instead of zod's raw issue list.
 */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result, context) => {
      if (result.success) return;
      const message = result.error.issues
        .map((issue) => (issue.path.length > 0 && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
        .join('; ');
      return context.json({ code: 'InvalidParameterValue', message, messageZh: `请求参数有误：${message}` }, 400);
    },
  });
}
