// Entry point: Vue app with Element Plus, vue-i18n and the router; a 401 anywhere goes to login.
import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import {
  Aim, Avatar, Bell, CircleCheck, Collection, Connection, Cpu, DataAnalysis, Document, DocumentChecked, Expand, Fold, House,
  Lock, Medal, Memo, Notification, PieChart, Search, Tickets, Timer, TrendCharts, Upload, UploadFilled, User, Warning,
} from '@element-plus/icons-vue';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { setUnauthenticatedHandler } from './api';
import { clearSession } from './session';
import './style.css';

setUnauthenticatedHandler(() => {
  clearSession();
  const current = router.currentRoute.value;
  if (current.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  }
});

const app = createApp(App);
// The icons the menu and top bar use, by name (MENU in lib/roles.ts names them).
const icons = {
  Aim, Avatar, Bell, CircleCheck, Collection, Connection, Cpu, DataAnalysis, Document, DocumentChecked, Expand, Fold, House,
  Lock, Medal, Memo, Notification, PieChart, Search, Tickets, Timer, TrendCharts, Upload, UploadFilled, User, Warning,
};
for (const [name, component] of Object.entries(icons)) app.component(name, component);
app.use(i18n).use(router).use(ElementPlus).mount('#app');
