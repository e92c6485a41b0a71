/**
 * The routing primitives shell and fragments use, offered through the platform so that the
 * platform (a shared singleton) is the only way to react-router: one router context for the shell
 * and every fragment, and only these parts of react-router in the shared chunk instead of the whole
 * package (a shared module cannot be tree-shaken: bench/RESULTS.md, "Module federation cost").
 * The lint forbids importing react-router anywhere else (tooling/eslint-config/walls.js).
 */
export {
  BrowserRouter,
  MemoryRouter,
  Link,
  NavLink,
  Navigate,
  Route,
  Routes,
  useLocation,
  useParams,
  useSearchParams,
  // The platform's own `useNavigate` (hooks.ts) is the shell-provided navigate of FragmentProps.
  useNavigate as useRouterNavigate,
} from 'react-router';
