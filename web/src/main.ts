// Entry point: Vue app with Element Plus, vue-i18n and the router; a 401 anywhere goes to login.
import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import * as Icons from '@element-plus/icons-vue';
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
for (const [name, component] of Object.entries(Icons)) app.component(name, component);
app.use(i18n).use(router).use(ElementPlus).mount('#app');
